import { Clock, LOGGER, type Logger } from '@anxin/common';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversationService } from './application/conversation.service';
import { TurnRunner } from './application/turn-runner';
import { InProcessEventBus } from './infrastructure/in-process-event-bus';
import { TypeOrmConversationRepository } from './infrastructure/typeorm-conversation.repository';
import { ConversationRepository } from './ports/conversation.repository.port';
import { EventBus } from './ports/event-bus.port';
import { Responder } from './ports/responder.port';

export interface ConversationModuleOptions {
  /** Modules that provide the Responder port (the agent lib). */
  readonly responderImports: NonNullable<ModuleMetadata['imports']>;
}

@Module({})
export class ConversationModule implements BeforeApplicationShutdown {
  constructor(@Inject(ConversationService) private readonly conversations: ConversationService) {}

  static forRoot(options: ConversationModuleOptions): DynamicModule {
    return {
      module: ConversationModule,
      global: true,
      imports: [...options.responderImports],
      providers: [
        {
          provide: ConversationRepository,
          inject: [DataSource],
          useFactory: (ds: DataSource) => new TypeOrmConversationRepository(ds),
        },
        {
          provide: EventBus,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            new InProcessEventBus((err, event) =>
              logger.error({ err, event: event.type }, 'event handler failed'),
            ),
        },
        {
          provide: ConversationService,
          inject: [ConversationRepository, EventBus, Responder, Clock, LOGGER],
          useFactory: (
            repo: ConversationRepository,
            bus: EventBus,
            responder: Responder,
            clock: Clock,
            logger: Logger,
          ) =>
            new ConversationService(
              repo,
              bus,
              responder,
              clock,
              new TurnRunner((err, conversationId) =>
                logger.error({ err, conversationId }, 'bot turn failed'),
              ),
            ),
        },
      ],
      exports: [ConversationService, EventBus, ConversationRepository],
    };
  }

  /** SIGTERM: let the bot finish the turns it has started before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.conversations.drain();
  }
}
