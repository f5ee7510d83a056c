import { problemsOf } from './__fixtures__/fixture-dir.helper';
import { ProblemList } from './problem.list';
import { parseStandardPhrases, REQUIRED_PHRASE_KEYS, StandardPhrases } from './standard-phrases.loader';

const VALID = `version: 1
phrases:
  greeting: >-
    您好，我是AI智能客服。
    请问有什么可以帮您？
  no_grounding: 很抱歉，这个问题我暂时无法准确回答。
  handoff_offer: 如需人工服务，请回复「转人工」。
  suggestion_intro: 您是想咨询以下哪个问题呢？
  injection_refusal: 抱歉，这个请求我无法处理。
  identity_required: 请提供投保人姓名和身份证号码后四位。
  identity_code_sent: 验证码已发至尾号{mobile}的手机。
  identity_passed: 身份核验已通过。
  identity_failed: 身份核验未通过。
  identity_locked: 身份核验已暂时锁定。
  busy_retry: 系统繁忙，请稍后再试。
  flow_resume: 我们接着办理刚才的业务：
  app_login_verified: 您已通过App登录，身份已核验。
  csat_invite: 请为本次服务打分（1-5星）。
  csat_thanks: 感谢您的评价。
  answer_follow_up: 请问您还有其他需要帮助的吗？
  handoff_ack: 好的，我这就为您联系人工客服。
  queue_joined: 您当前排在第{position}位，预计等待约{minutes}分钟。
  queue_update: 您当前排在第{position}位，预计等待约{minutes}分钟。
  queue_first: 您已排在第一位。
  queue_message_kept: 您的留言已保存，您当前排在第{position}位。
  queue_bot_answer: 人工客服接入前，AI智能客服先为您解答：
  agent_joined: 已为您接入人工客服（{agent}，工号：{number}）。
  agent_greeting: 您好，我是人工客服{agent}。
  handoff_transfer: 正在为您转接{target}。
  handoff_reconnect: 已为您重新排队。
  handoff_returned: 接下来由AI智能客服继续为您服务。
  ticket_after_hours: 现在不在人工服务时间（{hours}），留言编号{ticket}。
  ticket_no_agent: 暂无人工客服在线，留言编号{ticket}，服务时间{hours}。
  ticket_queue_timeout: 让您久等了，留言编号{ticket}，服务时间{hours}。
  closing: 如您还有其他问题，欢迎联系我们。
  idle_close: 本次会话已结束。如您还有其他问题，欢迎再次留言。
  idle_reminder: 若{minutes}分钟内没有收到您的回复，本次会话将自动结束。
`;

describe(StandardPhrases.name, () => {
  const sut = parseStandardPhrases(VALID, new ProblemList('knowledge')) as StandardPhrases;

  it('returns the text of a key, with YAML folding between Chinese sentences removed', () => {
    expect(sut.phrase('greeting')).toBe('您好，我是AI智能客服。请问有什么可以帮您？');
    expect(sut.phrase('answer_follow_up')).toBe('请问您还有其他需要帮助的吗？');
    expect(sut.keys()).toHaveLength(REQUIRED_PHRASE_KEYS.length + 1);
  });

  it('throws KNOWLEDGE.NOT_LOADED for an unknown key', () => {
    expect(() => sut.phrase('farewell')).toThrow(expect.objectContaining({ code: 'KNOWLEDGE.NOT_LOADED' }));
    expect(() => sut.fill('farewell', {})).toThrow(expect.objectContaining({ code: 'KNOWLEDGE.NOT_LOADED' }));
  });

  it('fills placeholders verbatim and only once', () => {
    expect(sut.fill('identity_code_sent', { mobile: '5678' })).toBe('验证码已发至尾号5678的手机。');
    expect(sut.fill('identity_code_sent', { mobile: '{mobile}' })).toBe('验证码已发至尾号{mobile}的手机。');
    expect(sut.fill('identity_passed', {})).toBe('身份核验已通过。');
    expect(sut.fill('queue_joined', { position: '2', minutes: '3' })).toBe(
      '您当前排在第2位，预计等待约3分钟。',
    );
    expect(sut.fill('agent_joined', { agent: '李敏', number: '1024' })).toBe(
      '已为您接入人工客服（李敏，工号：1024）。',
    );
  });

  it('refuses to fill a phrase with a placeholder left without a value', () => {
    expect(() => sut.fill('identity_code_sent', {})).toThrow(
      expect.objectContaining({
        code: 'KNOWLEDGE.INVALID_QUERY',
        message: 'Standard phrase "identity_code_sent" needs a value for {mobile}',
      }),
    );
  });
});

describe(parseStandardPhrases.name, () => {
  it.each([
    ['bad YAML', 'version: 1\nphrases: [a\n', /standard-phrases\.yaml:\d+ invalid YAML/],
    [
      'a wrong version',
      VALID.replace('version: 1', 'version: 0'),
      /standard-phrases\.yaml:1 version: must be a positive integer/,
    ],
    [
      'a missing required key',
      VALID.replace(/ {2}handoff_offer: .*\n/, ''),
      /standard-phrases\.yaml:2 phrases\.handoff_offer: is required/,
    ],
    [
      'an empty text',
      VALID.replace(/no_grounding: .*/, 'no_grounding: ""'),
      /standard-phrases\.yaml:6 phrases\.no_grounding: must not be empty/,
    ],
    [
      'a key that is not snake_case',
      `${VALID}  Farewell: 再见\n`,
      /standard-phrases\.yaml:38 phrases\.Farewell: key must be snake_case/,
    ],
    ['an unknown top-level field', `${VALID}extra: 1\n`, /standard-phrases\.yaml:38 extra: unknown field/],
    [
      'a placeholder the key does not declare',
      VALID.replace('身份核验未通过。', '身份核验未通过，{name}。'),
      /standard-phrases\.yaml:13 phrases\.identity_failed: placeholder \{name\} is not declared for this key \(identity_failed takes none\)$/,
    ],
    [
      'a declared placeholder left out',
      VALID.replace('尾号{mobile}的', ''),
      /standard-phrases\.yaml:11 phrases\.identity_code_sent: must contain the placeholder \{mobile\}$/,
    ],
    [
      'a handoff phrase without its placeholder',
      VALID.replace(
        '编号{ticket}，服务时间{hours}。\n  ticket_queue_timeout',
        '服务时间{hours}。\n  ticket_queue_timeout',
      ),
      /standard-phrases\.yaml:33 phrases\.ticket_no_agent: must contain the placeholder \{ticket\}$/,
    ],
    [
      'a missing handoff phrase',
      VALID.replace(/ {2}idle_reminder: .*\n/, ''),
      /standard-phrases\.yaml:2 phrases\.idle_reminder: is required/,
    ],
    [
      'a malformed placeholder',
      VALID.replace('系统繁忙', '系统繁忙{ 时间 }'),
      /standard-phrases\.yaml:15 phrases\.busy_retry: placeholder "\{ 时间 \}" must be \{snake_case\}$/,
    ],
  ])('reports %s with file, line and field', (_case, text, expected) => {
    expect(problemsOf((problems) => parseStandardPhrases(text, problems))).toEqual([
      expect.stringMatching(expected),
    ]);
  });

  it('reports a misspelt placeholder as undeclared and the declared one as missing', () => {
    const text = VALID.replace('{mobile}', '{moblie}');

    expect(problemsOf((problems) => parseStandardPhrases(text, problems))).toEqual([
      'knowledge/lexicon/standard-phrases.yaml:11 phrases.identity_code_sent: placeholder {moblie} is not declared for this key (identity_code_sent takes {mobile})',
      'knowledge/lexicon/standard-phrases.yaml:11 phrases.identity_code_sent: must contain the placeholder {mobile}',
    ]);
  });

  it('reports every placeholder problem of a phrase', () => {
    const text = VALID.replace('尾号{mobile}的', '{Mobile}{code}');

    expect(problemsOf((problems) => parseStandardPhrases(text, problems))).toEqual([
      'knowledge/lexicon/standard-phrases.yaml:11 phrases.identity_code_sent: placeholder "{Mobile}" must be {snake_case}',
      'knowledge/lexicon/standard-phrases.yaml:11 phrases.identity_code_sent: placeholder {code} is not declared for this key (identity_code_sent takes {mobile})',
      'knowledge/lexicon/standard-phrases.yaml:11 phrases.identity_code_sent: must contain the placeholder {mobile}',
    ]);
  });
});
