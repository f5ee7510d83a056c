import { type ChatModel as ChatModelType, ChatModel, PromptLibrary } from '@anxin/agent';
import { AppConfig, Clock, LOGGER, type Logger } from '@anxin/common';
import { ConversationService, EventBus, UNUSED_CLOSE_REASON } from '@anxin/conversation';
import { KnowledgeService } from '@anxin/knowledge';
import { type BeforeApplicationShutdown, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QaController } from './http/qa.controller';
import { KpiController } from './http/kpi.controller';
import { KpiReader } from './kpi/kpi.reader';
import { PostgresKpiReader } from './kpi/postgres-kpi.reader';
import { QaReviewController } from './http/qa-review.controller';
import { LlmQualityJudge } from './judge/llm-quality.judge';
import { QualityException } from './quality.exception';
import { QualityService } from './quality.service';
import { PostgresQaReviewStore } from './review/postgres-qa-review.store';
import { QaReviewStore } from './review/qa-review.store';
import { QaReviewService } from './review/review.service';
import { PostgresQaScoreStore } from './scoring/postgres-qa-score.store';
import { QaScoreStore } from './scoring/qa-score.store';
import { InProcessScoringQueue, ScoringQueue } from './scoring/scoring.queue';

/**
 * QA (质检): every conversation is scored when it closes (a background job), imported transcripts
 * on request. With a model configured, llm_judge checks use it through the rubric prompts; the
 * boot fails when a rubric the standard names has no prompt.
 */
@Module({
  controllers: [QaController, QaReviewController, KpiController],
  providers: [
    {
      provide: KpiReader,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PostgresKpiReader(dataSource),
    },
    {
      provide: QaReviewStore,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PostgresQaReviewStore(dataSource),
    },
    {
      provide: QaReviewService,
      inject: [QaReviewStore, KnowledgeService, Clock],
      useFactory: (store: QaReviewStore, knowledge: KnowledgeService, clock: Clock) =>
        new QaReviewService({ store, standard: () => knowledge.current.rules.standard, clock }),
    },
    {
      provide: QaScoreStore,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PostgresQaScoreStore(dataSource),
    },
    {
      provide: QualityService,
      inject: [
        KnowledgeService,
        AppConfig,
        ChatModel,
        PromptLibrary,
        QaScoreStore,
        ConversationService,
        Clock,
        LOGGER,
      ],
      useFactory: (
        knowledge: KnowledgeService,
        config: AppConfig,
        model: ChatModelType | null,
        prompts: PromptLibrary,
        store: QaScoreStore,
        conversations: ConversationService,
        clock: Clock,
        logger: Logger,
      ) => {
        requireRubrics(knowledge, prompts);
        return new QualityService({
          rules: () => knowledge.current.rules,
          scripts: () => knowledge.current,
          judge: model && config.llm ? new LlmQualityJudge(model, prompts, config.llm.jsonMode) : null,
          store,
          conversations,
          clock,
          logger,
        });
      },
    },
    {
      provide: ScoringQueue,
      inject: [QualityService, LOGGER],
      useFactory: (quality: QualityService, logger: Logger) =>
        new InProcessScoringQueue(
          async (job) => {
            await quality.scoreConversation(job.conversationId);
          },
          (err, job) => logger.error({ err, conversationId: job.conversationId }, 'QA scoring failed'),
        ),
    },
  ],
  exports: [QualityService, ScoringQueue],
})
export class QualityModule implements OnModuleInit, BeforeApplicationShutdown {
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(EventBus) private readonly events: EventBus,
    @Inject(ScoringQueue) private readonly queue: ScoringQueue,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe('conversation.closed', (event) => {
      // A conversation nobody wrote in (closed as unused by the lifecycle timer) served nobody.
      if (event.reason === UNUSED_CLOSE_REASON) return;
      this.queue.enqueue({ conversationId: event.conversation.id, reason: 'closed' });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.queue.drain();
  }
}

/** Every rubric the behaviour standard names must exist as a prompt. */
function requireRubrics(knowledge: KnowledgeService, prompts: PromptLibrary): void {
  const missing = knowledge.current.rules.standard.checks
    .flatMap((check) => check.detectors)
    .flatMap((detector) => (detector.kind === 'llm_judge' ? [detector.rubric] : []))
    .filter((rubric) => !prompts.has(rubric));
  if (missing.length > 0)
    throw new QualityException(
      'QA.RUBRIC_MISSING',
      `prompts missing for the QA rubrics named in behaviour.yaml: ${[...new Set(missing)].join(', ')}`,
      { missing: [...new Set(missing)] },
    );
}
