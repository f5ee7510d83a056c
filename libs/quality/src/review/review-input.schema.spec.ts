import { QualityException } from '../quality.exception';
import { mayTake, parseReviewInput } from './review-input.schema';

function problemsOf(body: unknown): string[] {
  try {
    parseReviewInput(body);
  } catch (error) {
    expect(error).toBeInstanceOf(QualityException);
    expect((error as QualityException).code).toBe('QA.INVALID_REQUEST');
    return (error as QualityException).details?.problems as string[];
  }
  throw new Error('expected the input to be refused');
}

describe('parseReviewInput', () => {
  it('reads each action, trimming comments and defaulting the optional fields', () => {
    expect(parseReviewInput({ action: 'confirm', findingKey: 'CS-08|p|3' })).toEqual({
      action: 'confirm',
      findingKey: 'CS-08|p|3',
      comment: '',
    });
    expect(
      parseReviewInput({ action: 'overturn', findingKey: 'k', comment: '  引用客户原话  ' }),
    ).toMatchObject({
      comment: '引用客户原话',
    });
    expect(
      parseReviewInput({ action: 'add', check: 'CS-19', severity: 'minor', comment: '漏邀评价' }),
    ).toEqual({
      action: 'add',
      check: 'CS-19',
      severity: 'minor',
      messageIndex: null,
      evidence: null,
      comment: '漏邀评价',
    });
  });

  it('needs a reason to overturn, dispute or comment', () => {
    expect(problemsOf({ action: 'overturn', findingKey: 'k' })).toEqual([
      expect.stringMatching(/^comment: /),
    ]);
    expect(problemsOf({ action: 'dispute', findingKey: 'k', comment: '   ' })).toEqual(['comment: 不能为空']);
    expect(problemsOf({ action: 'comment', comment: 'x'.repeat(501) })).toEqual(['comment: 不能超过500个字']);
  });

  it('names every bad field, unknown actions and unknown fields', () => {
    expect(problemsOf({ action: 'delete' })).toEqual([
      'action: 应为 confirm、overturn、add、comment 或 dispute',
    ]);
    expect(problemsOf('confirm')).toHaveLength(1);
    expect(
      problemsOf({ action: 'add', check: 'CS8', severity: 'fatal', messageIndex: -1, comment: 'a' }),
    ).toEqual([
      'check: 应为检查项编号，如 CS-08',
      'severity: 应为 minor|major|critical',
      'messageIndex: 应 ≥ 0',
    ]);
    expect(problemsOf({ action: 'confirm', findingKey: 'k', score: 100 })).toEqual([
      expect.stringContaining('score'),
    ]);
    expect(problemsOf({ action: 'comment', comment: 'a\u0007b' })).toEqual(['comment: 不能包含控制字符']);
  });

  it('lets only agents dispute and only reviewers judge', () => {
    expect(mayTake('agent', 'dispute')).toBe(true);
    expect(mayTake('agent', 'overturn')).toBe(false);
    expect(mayTake('qa', 'dispute')).toBe(false);
    expect(mayTake('supervisor', 'add')).toBe(true);
  });
});
