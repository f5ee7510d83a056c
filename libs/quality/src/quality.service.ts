import type { Clock, Logger } from '@anxin/common';
import { type ConversationService, HISTORY_PAGE_MAX, type Message } from '@anxin/conversation';
import type { QualityJudge } from './engine/quality-judge.port';
import { QualityEngine } from './engine/quality.engine';
import type { QaRules, ScriptLookup } from './engine/detector.types';
import type { QaScoreStore, StoredScore } from './scoring/qa-score.store';
import { assembleTranscript } from './scoring/transcript.assembler';
import { type ImportOutcome, scoreBatch } from './scoring/transcript-batch.scorer';

export interface QualityServiceParts {
  /** The rules in force now (the knowledge base may be reloaded). */
  readonly rules: () => QaRules;
  /** The approved scripts in force now (CS-20 reads the scripts bot turns cite); absent: not read. */
  readonly scripts?: () => ScriptLookup;
  readonly judge: QualityJudge | null;
  readonly store: QaScoreStore;
  readonly conversations: ConversationService;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Scores transcripts against the behaviour standard and keeps the scores: stored conversations
 * (when they close, or on demand) and transcripts imported from other systems.
 */
export class QualityService {
  private engine: { rules: QaRules; scripts: ScriptLookup | null; engine: QualityEngine } | null = null;

  constructor(private readonly parts: QualityServiceParts) {}

  /** Scores a stored conversation (bot, each agent and the whole) and stores the scores. */
  async scoreConversation(conversationId: string): Promise<StoredScore[]> {
    const { conversations, store, clock, logger } = this.parts;
    const conversation = await conversations.getConversation(conversationId);
    const transcript = assembleTranscript(conversation, await this.messagesOf(conversationId));
    const result = await this.currentEngine().score(transcript);
    const saved = await store.save(
      {
        source: 'conversation',
        conversationId,
        transcriptRef: conversationId,
        channel: conversation.channel,
        startedAt: conversation.openedAt,
        transcript,
        result,
      },
      clock.now(),
    );
    logger.info(
      { conversationId, score: result.score, passed: result.passed, findings: result.findings.length },
      'conversation scored',
    );
    return saved;
  }

  /**
   * Scores transcripts from other systems (phone ASR, other chat tools). Each is validated on its
   * own: a malformed one gets its problems, the others are scored and stored.
   */
  async scoreImported(inputs: readonly unknown[]): Promise<ImportOutcome[]> {
    const outcomes = await scoreBatch(this.currentEngine(), inputs);
    for (const outcome of outcomes) {
      if ('error' in outcome) continue;
      await this.parts.store.save(
        {
          source: 'import',
          conversationId: null,
          transcriptRef: outcome.id,
          channel: outcome.transcript.channel,
          startedAt: null,
          transcript: outcome.transcript,
          result: outcome.result,
        },
        this.parts.clock.now(),
      );
    }
    return outcomes;
  }

  async scoresOf(conversationId: string): Promise<StoredScore[]> {
    await this.parts.conversations.getConversation(conversationId);
    return this.parts.store.forConversation(conversationId);
  }

  private currentEngine(): QualityEngine {
    const rules = this.parts.rules();
    const scripts = this.parts.scripts?.() ?? null;
    if (this.engine?.rules !== rules || this.engine.scripts !== scripts)
      this.engine = { rules, scripts, engine: new QualityEngine(rules, this.parts.judge, scripts) };
    return this.engine.engine;
  }

  private async messagesOf(conversationId: string): Promise<Message[]> {
    const messages: Message[] = [];
    for (;;) {
      const page = await this.parts.conversations.history(
        conversationId,
        messages.at(-1)?.seq ?? 0,
        HISTORY_PAGE_MAX,
      );
      messages.push(...page);
      if (page.length < HISTORY_PAGE_MAX) return messages;
    }
  }
}
