import { parseAgentOutput } from './agent-output.parser';

describe(parseAgentOutput.name, () => {
  it('reads the answer contract, de-duplicating citations', () => {
    const sut = parseAgentOutput('{"answer":"您好","citations":["a","a","b"],"handoff":null}');
    expect(sut).toEqual({ kind: 'answer', output: { answer: '您好', citations: ['a', 'b'], handoff: null } });
  });

  it('tolerates a code fence around the object', () => {
    const sut = parseAgentOutput('```json\n{"answer":"好的","citations":["x"]}\n```');
    expect(sut).toMatchObject({ kind: 'answer', output: { answer: '好的' } });
  });

  it('reads a JSON-mode tool call', () => {
    const sut = parseAgentOutput('{"tool":{"name":"lookup_policies","arguments":{}}}');
    expect(sut).toEqual({ kind: 'tool', name: 'lookup_policies', arguments: '{}' });
  });

  it.each([
    ['no object', '您好，请问有什么可以帮您'],
    ['broken JSON', '{"answer": "您好", "citations": [}'],
    ['wrong types', '{"answer": 5, "citations": "a"}'],
    ['empty answer without handoff', '{"answer": "", "citations": []}'],
  ])('refuses %s', (_case, content) => {
    expect(parseAgentOutput(content).kind).toBe('invalid');
  });

  it('accepts an empty answer when a handoff is set', () => {
    const sut = parseAgentOutput('{"answer":"","citations":[],"handoff":{"reason":"explicit_request"}}');
    expect(sut).toMatchObject({ kind: 'answer', output: { handoff: { reason: 'explicit_request' } } });
  });
});
