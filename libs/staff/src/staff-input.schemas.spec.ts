import { loginRequestSchema, newStaffUserSchema, parseStaffInput } from './staff-input.schemas';
import { StaffException } from './staff.exception';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StaffException);
    expect((error as StaffException).code).toBe('STAFF.INVALID_INPUT');
    return (error as StaffException).details?.problems as string[];
  }
  throw new Error('expected STAFF.INVALID_INPUT');
}

const VALID = {
  username: 'wang.jing',
  displayName: ' 王静 ',
  role: 'qa',
  password: 'a-long-enough-password',
};

describe('staff input', () => {
  it('accepts a new user and fills the defaults', () => {
    const sut = parseStaffInput(newStaffUserSchema, { ...VALID, skills: ['claims', 'claims', 'general'] });

    expect(sut).toEqual({
      username: 'wang.jing',
      displayName: '王静',
      role: 'qa',
      skills: ['claims', 'general'],
      maxConcurrent: 3,
      password: 'a-long-enough-password',
    });
  });

  it.each([
    [{ username: 'Wang' }, 'username: 须为 2–64 位小写字母、数字、点、下划线或连字符，并以字母开头'],
    [{ username: '1abc' }, 'username: 须为'],
    [{ username: 'a' }, 'username: 须为'],
    [{ username: 'wang jing' }, 'username: 须为'],
    [{ username: `a${'b'.repeat(64)}` }, 'username: 须为'],
    [{ username: undefined }, 'username: 不能为空'],
    [{ username: 42 }, 'username: 必须是文本'],
    [{ displayName: '   ' }, 'displayName: 不能为空'],
    [{ displayName: '名'.repeat(101) }, 'displayName: 不能超过 100 个字符'],
    [{ role: 'root' }, 'role: 须为 agent、qa、supervisor、admin 之一'],
    [{ password: 'short' }, 'password: 密码至少需要 10 个字符'],
    [{ password: 'p'.repeat(129) }, 'password: 密码不能超过 128 个字符'],
    [{ skills: ['Claims'] }, 'skills.0: 技能标识须为'],
    [{ skills: 'claims' }, 'skills: 必须是文本数组'],
    [{ maxConcurrent: 2.5 }, 'maxConcurrent: 必须是整数'],
    [{ maxConcurrent: 51 }, 'maxConcurrent: 不能大于 50'],
    [{ isAdmin: true }, '请求: 不支持的字段 isAdmin'],
  ])('refuses %j with a precise problem', (change, problem) => {
    const problems = problemsOf(() => parseStaffInput(newStaffUserSchema, { ...VALID, ...change }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('names every problem at once', () => {
    const problems = problemsOf(() => parseStaffInput(newStaffUserSchema, {}));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'displayName',
      'password',
      'role',
      'username',
    ]);
  });

  describe('login request', () => {
    it('lower-cases and trims the username but keeps the password as typed', () => {
      expect(parseStaffInput(loginRequestSchema, { username: ' QA ', password: ' Pass word ' })).toEqual({
        username: 'qa',
        password: ' Pass word ',
      });
    });

    it.each([
      [undefined, 'username: 不能为空；password: 不能为空'],
      ['text', '请求: 必须是 JSON 对象'],
      [{ password: 'x' }, 'username: 不能为空'],
      [{ username: 'qa', password: '' }, 'password: 不能为空'],
      [{ username: 'qa', password: 'x'.repeat(129) }, 'password: 不能超过 128 个字符'],
      [{ username: 'q'.repeat(65), password: 'x' }, 'username: 不能超过 64 个字符'],
      [{ username: 'qa', password: 'x', remember: true }, '请求: 不支持的字段 remember'],
    ])('refuses %j', (body, problem) => {
      const problems = problemsOf(() => parseStaffInput(loginRequestSchema, body));
      expect(problems.join('；')).toContain(problem);
    });
  });
});
