import type { JudgeEvidence } from '@anxin/knowledge';
import type { QaRole } from './quality.types';

/** What the LLM judge is asked: one rubric on one transcript, or one rule candidate to confirm. */
export interface JudgeRequest {
  /** Prompt id of the rubric (prompts/<rubric>.md), e.g. "qa-attitude-tone". */
  readonly rubric: string;
  /** judge: find a violation in the transcript; confirm: decide whether `candidate` is one. */
  readonly mode: 'judge' | 'confirm';
  readonly check: { readonly id: string; readonly title: string; readonly description: string };
  /** Id of the llm_judge detector. */
  readonly detector: string;
  /** Whose turns are judged. */
  readonly roles: readonly QaRole[];
  /** What the rubric wants to see; cited scripts and retrieved passages are the adapter's to fetch. */
  readonly evidence: readonly JudgeEvidence[];
  /**
   * One line per turn, "[index] role (t s): text" with role customer|bot|agent(<agentId>)|system, and one per
   * logged event, "[event] type 说明 (t s)"; PII masked. The verdict quotes from it.
   */
  readonly transcript: string;
  /** Stored message ids by turn index, for an adapter that fetches citations. */
  readonly messageIds: readonly (string | undefined)[];
  /**
   * Reference lines for the prompt's criteria next to the check description: the lexicon note of the hit
   * entry, or the sla.yaml entries a stated time limit was checked against.
   */
  readonly criteria: readonly string[];
  readonly candidate?: { readonly messageIndex: number; readonly evidence: string };
}

export interface JudgeVerdict {
  readonly violated: boolean;
  /** The turn at fault; null for a session-wide verdict (ignored in confirm mode). */
  readonly messageIndex: number | null;
  /** Must be a quote from the transcript (checked; a verdict quoting nothing found is not used). */
  readonly evidence: string;
  readonly explanation: string;
}

/** Port: an LLM adapter implements it. A rejected promise leaves the detector not assessed. */
export abstract class QualityJudge {
  abstract judge(request: JudgeRequest): Promise<JudgeVerdict>;
}
