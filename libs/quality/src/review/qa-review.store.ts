import type { Severity } from '@anxin/knowledge';
import type { QaTranscript } from '../engine/quality.types';
import type { ScoreSource, StoredScore } from '../scoring/qa-score.store';
import type { ReviewAction, ReviewedSubject, ReviewEntry } from './review.types';

export interface TranscriptKey {
  readonly source: ScoreSource;
  readonly transcriptRef: string;
}

/** One scoring of a transcript: reviews belong to it (a new standard version starts afresh). */
export interface ScoredVersion extends TranscriptKey {
  readonly standardVersion: number;
  readonly engineVersion: string;
}

/** A transcript's newest scoring, with the transcript as it was scored. */
export interface ScoredTranscript {
  readonly version: ScoredVersion;
  readonly conversationId: string | null;
  readonly channel: string;
  readonly startedAt: Date | null;
  /** null for scores stored before transcripts were kept with them. */
  readonly transcript: QaTranscript | null;
  /** Every subject of that scoring, 'all' first. */
  readonly scores: readonly StoredScore[];
}

export interface NewReviewEntry {
  readonly action: ReviewAction;
  readonly findingKey: string | null;
  readonly check: string | null;
  readonly messageIndex: number | null;
  readonly severity: Severity | null;
  readonly evidence: string | null;
  readonly comment: string;
  readonly staffId: string;
  readonly staffRole: string;
  readonly at: Date;
}

/** Filters of the console's list; dates are Beijing calendar days (YYYY-MM-DD), inclusive. */
export interface TranscriptFilter {
  readonly failed?: boolean;
  readonly redLine?: boolean;
  readonly check?: string;
  readonly channel?: string;
  readonly agent?: string;
  readonly source?: ScoreSource;
  readonly reviewed?: boolean;
  readonly disputed?: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
}

/** A row of the list: the newest scoring, the reviewed score beside it when there is one. */
export interface TranscriptListItem {
  readonly source: ScoreSource;
  readonly ref: string;
  readonly conversationId: string | null;
  readonly channel: string;
  readonly startedAt: Date | null;
  readonly scoredAt: Date;
  readonly standardVersion: number;
  readonly engineVersion: string;
  readonly score: number;
  readonly passed: boolean;
  /** Red-line findings (isRedLine) of the automatic scoring; `reviewed.redLines` of the reviewed one. */
  readonly redLines: number;
  /** Checks with a finding after review (or automatically, before one). */
  readonly checks: readonly string[];
  readonly agents: readonly string[];
  readonly reviewed: {
    readonly score: number;
    readonly passed: boolean;
    readonly redLines: number;
    readonly reviewedAt: Date;
  } | null;
  /** Findings whose latest dispute has no verdict after it. */
  readonly disputes: number;
}

/** Per check: how reviewers judged the engine's findings (latest verdict per finding) and what they added. */
export interface CheckReviewCounts {
  readonly check: string;
  readonly confirmed: number;
  readonly overturned: number;
  readonly added: number;
  readonly disputes: number;
}

/** Port: review log, reviewed scores and the lists the console reads. */
export abstract class QaReviewStore {
  abstract scored(key: TranscriptKey): Promise<ScoredTranscript | null>;
  abstract entries(version: ScoredVersion): Promise<ReviewEntry[]>;
  /**
   * Appends one action and replaces the reviewed scores with what `rescore` makes of the whole
   * log (the new action last), in one transaction serialised per scored transcript.
   */
  abstract record(
    version: ScoredVersion,
    entry: NewReviewEntry,
    rescore: (entries: readonly ReviewEntry[]) => readonly ReviewedSubject[] | null,
  ): Promise<ReviewEntry[]>;
  abstract list(filter: TranscriptFilter): Promise<{ total: number; items: TranscriptListItem[] }>;
  abstract counts(period: { readonly from?: string; readonly to?: string }): Promise<CheckReviewCounts[]>;
}
