import type { QaFinding, QaResult } from '../quality.types';

/** Findings of one check (optionally one detector). */
export function findingsOf(result: QaResult, check: string, detector?: string): QaFinding[] {
  return result.findings.filter(
    (f) => f.check === check && (detector === undefined || f.detector === detector),
  );
}

/** "CS-07.forbidden_phrase@3" per finding, for compact expectations. */
export function keys(result: QaResult): string[] {
  return result.findings.map((f) => `${f.check}.${f.detector}@${f.messageIndex ?? '-'}`);
}

/** "CS-08.promotion_phrase" per not-assessed entry. */
export function notAssessedKeys(result: QaResult): string[] {
  return result.notAssessed.map((n) => `${n.check}.${n.detector}`);
}
