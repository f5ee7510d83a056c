import { validateTranscript } from './transcript.schema';

const valid = {
  id: 'C-1',
  channel: 'wecom-kf',
  messages: [
    { role: 'customer', t: 0, text: '你好' },
    { role: 'agent', t: 3.5, text: '您好，工号1234为您服务', agentId: 'A01', id: 'm-2' },
  ],
  events: [{ t: 1, type: 'handoff_requested', messageIndex: 0 }],
};

function problemsOf(input: unknown): string[] {
  const result = validateTranscript(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe(validateTranscript.name, () => {
  it('accepts a well-formed transcript and drops unknown fields', () => {
    const result = validateTranscript({ ...valid, extra: true });

    expect(result).toEqual({ ok: true, transcript: valid });
  });

  it('defaults events to an empty list', () => {
    const { events: _events, ...withoutEvents } = valid;

    expect(validateTranscript(withoutEvents)).toEqual({
      ok: true,
      transcript: { ...withoutEvents, events: [] },
    });
  });

  it('names the field and the expectation of each problem', () => {
    const problems = problemsOf({
      id: '',
      channel: 7,
      messages: [
        { role: 'customer', t: 0, text: 'ok' },
        { role: 'robot', t: -1, text: 'x'.repeat(4001) },
        { t: Number.POSITIVE_INFINITY, text: 'hi' },
      ],
      events: [
        { t: 2, type: 'handoff_exploded' },
        { t: 3, type: 'kyc_passed', messageIndex: 3 },
      ],
    });

    expect(problems).toEqual([
      'id: expected a non-empty string of at most 128 characters',
      'channel: expected a string',
      'messages[1].role: expected customer|bot|agent|system',
      'messages[1].t: expected a finite number ≥ 0',
      'messages[1].text: expected a string of at most 4000 characters',
      'messages[2].role: is required',
      'messages[2].t: expected a finite number ≥ 0',
      expect.stringMatching(
        /^events\[0\]\.type: expected one of conversation_opened\|ai_label_shown\|.*\|conversation_closed$/,
      ),
    ]);
  });

  it('checks event message indexes against the messages once the rest is valid', () => {
    expect(problemsOf({ ...valid, events: [{ t: 3, type: 'kyc_passed', messageIndex: 2 }] })).toEqual([
      'events[0].messageIndex: expected the index of a message (0–1)',
    ]);
  });

  it('keeps the scripts a bot turn cites and the slot values a turn carries', () => {
    const messages = [
      { role: 'customer', t: 0, text: '想买重疾险', slots: { intent: 'how_to_buy', customer_age: 65 } },
      { role: 'bot', t: 1, text: '等待期90天', citations: ['presale-critical-illness-waiting-period'] },
    ];

    expect(validateTranscript({ ...valid, messages })).toEqual({
      ok: true,
      transcript: { ...valid, messages },
    });
  });

  it('names what is wrong with citations and slots', () => {
    const problems = problemsOf({
      ...valid,
      messages: [
        { role: 'bot', t: 0, text: 'a', citations: ['', 'x'.repeat(129)] },
        { role: 'bot', t: 1, text: 'b', citations: Array.from({ length: 21 }, (_, i) => `s-${i}`) },
        { role: 'customer', t: 2, text: 'c', slots: { Intent: 'x', age: null, name: '' } },
      ],
    });

    expect(problems).toEqual([
      'messages[0].citations[0]: expected a script id of 1–128 characters',
      'messages[0].citations[1]: expected a script id of 1–128 characters',
      'messages[1].citations: expected a list of at most 20 script ids',
      'messages[2].slots.Intent: expected a snake_case slot name of at most 64 characters',
      'messages[2].slots.age: expected a string of 1–128 characters or a finite number',
      'messages[2].slots.name: expected a string of 1–128 characters or a finite number',
    ]);
  });

  it('takes at most 20 slots per turn', () => {
    const slots = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`slot_${i}`, i]));

    expect(problemsOf({ ...valid, messages: [{ role: 'customer', t: 0, text: 'a', slots }] })).toEqual([
      'messages[0].slots: expected at most 20 slots',
    ]);
  });

  it('lets only bot turns cite scripts', () => {
    expect(
      problemsOf({
        ...valid,
        messages: [{ role: 'agent', t: 0, text: '您好', citations: ['general-greeting'] }],
      }),
    ).toEqual(['messages[0].citations: only bot turns cite scripts']);
  });

  it('needs 1 to 2000 messages', () => {
    const many = Array.from({ length: 2001 }, (_, i) => ({ role: 'customer', t: i, text: 'a' }));

    expect(problemsOf({ ...valid, messages: [] })).toEqual(['messages: expected a list of 1–2000 messages']);
    expect(problemsOf({ ...valid, messages: many })).toEqual([
      'messages: expected a list of 1–2000 messages',
    ]);
  });

  it('rejects what is not a transcript at all', () => {
    expect(problemsOf(null)).toEqual(['(root): expected an object with id, channel, messages and events']);
    expect(problemsOf({ ...valid, id: 'x'.repeat(129) })).toEqual([
      'id: expected a non-empty string of at most 128 characters',
    ]);
    expect(problemsOf({ ...valid, messages: [{ role: 'agent', t: '3', text: 'a', agentId: '' }] })).toEqual([
      'messages[0].t: expected a finite number ≥ 0',
      'messages[0].agentId: expected a non-empty string of at most 128 characters',
    ]);
  });
});
