import type { QaFinding } from './quality.types';
import { countRedLines, isRedLine, onePerTurn, tally } from './score.calculator';

const DIMENSIONS = [
  { key: 'language_attitude', title: '语言与态度', weight: 25 },
  { key: 'closing', title: '结束语', weight: 10 },
];
const SCORING = { passScore: 80, deductions: { minor: 3, major: 10 } };

const finding = (over: Partial<QaFinding>): QaFinding => ({
  check: 'CS-07',
  detector: 'forbidden_phrase',
  severity: 'major',
  deduction: 10,
  dimension: 'language_attitude',
  redLine: false,
  messageIndex: 1,
  evidence: 'x',
  explanation: 'x',
  source: 'rule',
  ...over,
});

describe('score calculator', () => {
  it('takes deductions off 100, each dimension losing at most its weight', () => {
    const sut = tally(
      [
        finding({ messageIndex: 1 }),
        finding({ messageIndex: 3 }),
        finding({ messageIndex: 5 }),
        finding({ check: 'CS-22', dimension: 'closing', severity: 'minor', deduction: 3 }),
      ],
      DIMENSIONS,
      SCORING,
    );

    expect(sut).toEqual({
      score: 72,
      passed: false,
      dimensions: [
        { key: 'language_attitude', title: '语言与态度', weight: 25, lost: 25 },
        { key: 'closing', title: '结束语', weight: 10, lost: 3 },
      ],
    });
  });

  it('fails a critical finding at full score', () => {
    const sut = tally(
      [finding({ severity: 'critical', deduction: 0, dimension: 'red_line' })],
      DIMENSIONS,
      SCORING,
    );

    expect(sut).toMatchObject({ score: 100, passed: false });
  });

  it('keeps the most severe finding per check and turn, audits apart', () => {
    const minor = finding({ severity: 'minor', deduction: 3 });
    const major = finding({ detector: 'attitude_judge' });
    const otherTurn = finding({ messageIndex: 2, severity: 'minor', deduction: 5 });
    const audit = finding({ check: 'CS-07', detector: 'audit', deduction: 0 });

    const sut = onePerTurn([
      { finding: minor, audit: false },
      { finding: major, audit: false },
      { finding: otherTurn, audit: false },
      { finding: audit, audit: true },
    ]);

    expect(sut).toEqual([major, audit, otherTurn]);
  });

  it('counts a finding as a red line when it is critical or its check is a red-line check', () => {
    // CS-11 (如实告知) belongs to the red-line gate with severity major; CS-07 abuse is critical, not gated.
    const gatedMajor = finding({ check: 'CS-11', severity: 'major', redLine: true });
    const criticalUngated = finding({ check: 'CS-07', severity: 'critical', deduction: 0, redLine: false });
    const plain = finding({ severity: 'major', redLine: false });

    expect([gatedMajor, criticalUngated, plain].map(isRedLine)).toEqual([true, true, false]);
    expect(countRedLines([gatedMajor, criticalUngated, plain, finding({ severity: 'minor' })])).toBe(2);
  });

  it('still fails a transcript on critical findings only', () => {
    const sut = tally(
      [finding({ check: 'CS-11', severity: 'major', deduction: 10, redLine: true })],
      DIMENSIONS,
      SCORING,
    );

    expect(sut).toMatchObject({ score: 90, passed: true });
  });
});
