import type {
  QaDimensionScore,
  QaFinding,
  QaNotAssessed,
  QaResult,
  QaTranscript,
} from '../engine/quality.types';

export type ScoreSource = 'conversation' | 'import';

export interface ScoreToSave {
  readonly source: ScoreSource;
  /** Set for source "conversation"; null for imported transcripts. */
  readonly conversationId: string | null;
  /** The conversation id, or the imported transcript's own id. */
  readonly transcriptRef: string;
  readonly channel: string;
  readonly startedAt: Date | null;
  /** The transcript as scored: kept so reviewers read what the engine read. */
  readonly transcript: QaTranscript;
  readonly result: QaResult;
}

/** One stored score: the whole transcript, the bot, or one human agent. */
export interface StoredScore {
  readonly id: string;
  readonly source: ScoreSource;
  readonly conversationId: string | null;
  readonly transcriptRef: string;
  readonly channel: string;
  readonly subject: 'all' | 'bot' | 'agent';
  /** '' unless subject is "agent". */
  readonly agentId: string;
  readonly standardVersion: number;
  readonly engineVersion: string;
  readonly score: number;
  readonly passed: boolean;
  /** Red-line findings (isRedLine: critical, or of a red-line check); a critical one fails the transcript. */
  readonly redLines: number;
  readonly findings: readonly QaFinding[];
  readonly notAssessed: readonly QaNotAssessed[];
  readonly dimensions: readonly QaDimensionScore[];
  readonly scoredAt: Date;
}

/**
 * Port: where scores live. Saving a transcript again with the same standard and engine versions
 * replaces its rows; another version adds rows beside the old ones.
 */
export abstract class QaScoreStore {
  abstract save(score: ScoreToSave, at: Date): Promise<StoredScore[]>;
  /** Every stored score of a conversation, newest standard version first, 'all' before subjects. */
  abstract forConversation(conversationId: string): Promise<StoredScore[]>;
}
