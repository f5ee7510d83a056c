import { Clock } from '@anxin/common';
import { AgentException } from '../agent.exception';
import { type ChatCompletion, ChatModel } from './chat-model.port';
import { ResilientChatModel } from './resilient-chat.model';

class ManualClock extends Clock {
  at = 0;
  now(): Date {
    return new Date(this.at);
  }
}

/** A model whose next outcomes the test scripts (an external endpoint's port, not our database). */
class ScriptedModel extends ChatModel {
  readonly model = 'scripted';
  calls = 0;
  outcomes: (ChatCompletion | AgentException)[] = [];
  complete(): Promise<ChatCompletion> {
    this.calls++;
    const next = this.outcomes.shift() ?? { content: 'ok', toolCalls: [], model: 'scripted' };
    return next instanceof AgentException ? Promise.reject(next) : Promise.resolve(next);
  }
}

const down = () => new AgentException('AGENT.LLM_UNAVAILABLE', 'down');
const request = { messages: [{ role: 'user' as const, content: '你好' }], jsonObject: true };

describe(ResilientChatModel.name, () => {
  let inner: ScriptedModel;
  let clock: ManualClock;
  let sut: ResilientChatModel;

  beforeEach(() => {
    inner = new ScriptedModel();
    clock = new ManualClock();
    sut = new ResilientChatModel(
      inner,
      clock,
      { backoffMs: 1, failureThreshold: 3, cooldownMs: 30_000 },
      () => Promise.resolve(),
    );
  });

  it('retries a transient failure once', async () => {
    inner.outcomes = [down()];
    await expect(sut.complete(request)).resolves.toMatchObject({ content: 'ok' });
    expect(inner.calls).toBe(2);
  });

  it('does not retry a refused request', async () => {
    inner.outcomes = [new AgentException('AGENT.LLM_REFUSED', 'bad key')];
    await expect(sut.complete(request)).rejects.toMatchObject({ code: 'AGENT.LLM_REFUSED' });
    expect(inner.calls).toBe(1);
  });

  it('opens after repeated failures, refuses without calling, and lets one trial through after the cooldown', async () => {
    inner.outcomes = [down(), down(), down()];
    await expect(sut.complete(request)).rejects.toMatchObject({ code: 'AGENT.LLM_UNAVAILABLE' });
    await expect(sut.complete(request)).rejects.toMatchObject({ code: 'AGENT.LLM_UNAVAILABLE' });
    expect(sut.state).toBe('open');
    const callsWhenOpened = inner.calls;
    await expect(sut.complete(request)).rejects.toMatchObject({ code: 'AGENT.CIRCUIT_OPEN' });
    expect(inner.calls).toBe(callsWhenOpened);
    expect(sut.available).toBe(false);

    clock.at += 30_000;
    expect(sut.state).toBe('half_open');
    await expect(sut.complete(request)).resolves.toMatchObject({ content: 'ok' });
    expect(sut.state).toBe('closed');
  });

  it('reopens when the trial fails, without retrying it', async () => {
    inner.outcomes = [down(), down(), down()];
    await sut.complete(request).catch(() => undefined);
    await sut.complete(request).catch(() => undefined);
    clock.at += 30_000;
    inner.outcomes = [down()];
    const before = inner.calls;
    await expect(sut.complete(request)).rejects.toMatchObject({ code: 'AGENT.LLM_UNAVAILABLE' });
    expect(inner.calls).toBe(before + 1);
    expect(sut.state).toBe('open');
  });
});
