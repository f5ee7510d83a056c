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
