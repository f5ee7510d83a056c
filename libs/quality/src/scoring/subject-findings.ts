import type { QaFinding, QaResult, QaSubjectScore } from '../engine/quality.types';

/** The findings charged to one subject of a result (see the engine's subject rule). */
export function findingsOf(result: QaResult, subject: QaSubjectScore): readonly QaFinding[] {
  switch (subject.subject) {
    case 'all':
      return result.findings;
    case 'bot':
      return result.findings.filter((f) => f.role === 'bot');
    case 'agent':
      return result.findings.filter(
        (f) => f.role === 'agent' && (f.agentId ?? 'unknown') === (subject.agentId ?? 'unknown'),
      );
  }
}
