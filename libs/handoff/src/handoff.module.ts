import { type InsuranceCore as InsuranceCorePort, InsuranceCore } from '@anxin/agent';
import { AppConfig, Clock, LOGGER, type Logger } from '@anxin/common';
import { ConversationService, EventBus, Responder } from '@anxin/conversation';
import { KnowledgeService } from '@anxin/knowledge';
import { StaffService } from '@anxin/staff';
import { type BeforeApplicationShutdown, Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeskService } from './application/desk.service';
import { DeskNotifier } from './application/desk-notifier.port';
import { HandoffService, timersOf } from './application/handoff.service';
import { HandoffStore } from './application/handoff.store.port';
import { DeskEngine } from './engine/desk.engine';
import { DeskController } from './http/desk.controller';
import { DeskGateway } from './http/desk.gateway';
import { SocketDeskNotifier } from './http/socket-desk.notifier';
import { PostgresHandoffStore } from './infrastructure/postgres-handoff.store';

/** How often the queue and the lifecycle timers run. */
export const HANDOFF_TICK_MS = 1_000;

/**
 * Human handoff: the queue and its routing (DeskEngine, in memory, restored from the database at
 * start), the desk API and its socket namespace /desk, and the lifecycle timers, ticking every
 * second. Attaches itself to the conversation core as its HumanDesk.
 */
@Module({
  controllers: [DeskController],
  providers: [
    {
      provide: DeskEngine,
      inject: [KnowledgeService, AppConfig],
      useFactory: (knowledge: KnowledgeService, config: AppConfig) =>
        new DeskEngine(
          timersOf(knowledge.current),
          config.handoff.assignment,
          knowledge.current.rules.routing.overflowToAnySkill,
        ),
    },
    {
      provide: HandoffStore,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PostgresHandoffStore(dataSource),
    },
    { provide: SocketDeskNotifier, useFactory: () => new SocketDeskNotifier() },
    { provide: DeskNotifier, useExisting: SocketDeskNotifier },
    {
      provide: HandoffService,
      inject: [
        ConversationService,
        EventBus,
        Responder,
        HandoffStore,
        DeskNotifier,
        StaffService,
        KnowledgeService,
        DeskEngine,
        Clock,
        LOGGER,
      ],
      useFactory: (
        conversations: ConversationService,
        events: EventBus,
        responder: Responder,
        store: HandoffStore,
        notifier: DeskNotifier,
        staff: StaffService,
        knowledge: KnowledgeService,
        engine: DeskEngine,
        clock: Clock,
        logger: Logger,
      ) =>
        new HandoffService({
          conversations,
          events,
          responder,
          store,
          notifier,
          staff,
          knowledge,
          engine,
          clock,
          logger,
        }),
    },
    {
      provide: DeskService,
      inject: [
        HandoffService,
        ConversationService,
        HandoffStore,
        DeskNotifier,
        StaffService,
        KnowledgeService,
        InsuranceCore,
        Clock,
        LOGGER,
      ],
      useFactory: (
        handoff: HandoffService,
        conversations: ConversationService,
        store: HandoffStore,
        notifier: DeskNotifier,
        staff: StaffService,
        knowledge: KnowledgeService,
        core: InsuranceCorePort,
        clock: Clock,
        logger: Logger,
      ) =>
        new DeskService({ handoff, conversations, store, notifier, staff, knowledge, core, clock, logger }),
    },
    DeskGateway,
  ],
  exports: [HandoffService, DeskService],
})
export class HandoffModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  constructor(@Inject(HandoffService) private readonly handoff: HandoffService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.handoff.start();
    this.timer = setInterval(() => {
      this.handoff.tick().catch((error: unknown) => this.handoff.reportTickError(error));
    }, HANDOFF_TICK_MS);
    this.timer.unref();
  }

  /** Stops the timers before the conversation core drains its turns. */
  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.handoff.stop();
  }
}
