import { DeskEngine } from './desk.engine';
import type { AssignmentMode, DeskAgent, DeskTimers, QueueEntry } from './desk.types';

const SECOND = 1000;
const TIMERS: DeskTimers = {
  offerAcceptMs: 30 * SECOND,
  queueTimeoutMs: 600 * SECOND,
  queueUpdateMs: 60 * SECOND,
  averageHandleMs: 300 * SECOND,
  reconnectGraceMs: 30 * SECOND,
};
const T0 = Date.parse('2026-12-08T02:00:00Z');

function agent(username: string, skills: string[], capacity = 3): DeskAgent {
  return { id: `id-${username}`, username, displayName: `客服 ${username}`, skills, capacity };
}

let counter = 0;
function entry(overrides: Partial<QueueEntry> = {}): QueueEntry {
  counter++;
  return {
    conversationId: `c${String(counter).padStart(3, '0')}`,
    customerId: `u${counter}`,
    channel: 'web',
    reason: 'explicit_request',
    skill: 'general',
    priority: 0,
    since: T0 + counter,
    front: false,
    preferredAgentId: null,
    ...overrides,
  };
}

/** An engine with the agents registered and online at T0 (a fake clock: every call takes `now`). */
function engineWith(agents: DeskAgent[], mode: AssignmentMode = 'auto', overflow = true): DeskEngine {
  const sut = new DeskEngine(TIMERS, mode, overflow);
  for (const a of agents) {
    sut.register(a, T0);
    sut.connected(a.id);
    sut.setPresence(a.id, 'online', T0);
  }
  return sut;
}

describe(DeskEngine.name, () => {
  describe('skills', () => {
    it('offers a customer to an online agent with the skill, not to one without it', () => {
      const claims = agent('claims1', ['claims']);
      const sales = agent('sales1', ['sales']);
      const sut = engineWith([sales, claims]);
      const waiting = entry({ skill: 'claims' });
      sut.enqueue(waiting, T0);

      const { offers } = sut.tick(T0 + SECOND);

      expect(offers).toEqual([
        {
          conversationId: waiting.conversationId,
          agentId: claims.id,
          expiresAt: T0 + SECOND + TIMERS.offerAcceptMs,
        },
      ]);
    });

    it('overflows to any online agent when nobody online has the skill, unless overflow is off', () => {
      const sales = agent('sales1', ['sales']);
      const waiting = entry({ skill: 'claims' });

      const open = engineWith([sales], 'auto', true);
      open.enqueue(waiting, T0);
      expect(open.tick(T0).offers.map((o) => o.agentId)).toEqual([sales.id]);
      expect(open.canServe('claims')).toBe(true);

      const strict = engineWith([sales], 'auto', false);
      strict.enqueue(waiting, T0);
      expect(strict.tick(T0).offers).toEqual([]);
      expect(strict.canServe('claims')).toBe(false);
    });

    it('keeps a customer for busy agents of the skill rather than overflowing while they are online', () => {
      const claims = agent('claims1', ['claims'], 1);
      const general = agent('general1', ['general']);
      const sut = engineWith([claims, general]);
      sut.assigned('held', claims.id, T0);
      sut.enqueue(entry({ skill: 'claims' }), T0);

      expect(sut.tick(T0).offers).toEqual([]);
    });
  });

  describe('capacity and presence', () => {
    it('offers nothing to an agent at capacity, away or offline, and one offer at a time', () => {
      const busy = agent('busy', ['general'], 1);
      const resting = agent('resting', ['general']);
      const free = agent('free', ['general']);
      const sut = engineWith([busy, resting, free]);
      sut.assigned('held', busy.id, T0);
      sut.setPresence(resting.id, 'away', T0);
      const first = entry();
      const second = entry();
      sut.enqueue(first, T0);
      sut.enqueue(second, T0);

      const { offers } = sut.tick(T0);

      expect(offers).toEqual([
        expect.objectContaining({ conversationId: first.conversationId, agentId: free.id }),
      ]);
      expect(sut.offerOf(free.id)?.conversationId).toBe(first.conversationId);
    });

    it('withdraws the open offer when the agent goes away, and the customer goes to the next agent', () => {
      const a = agent('a', ['general']);
      const b = agent('b', ['general']);
      const sut = engineWith([a, b]);
      const waiting = entry();
      sut.enqueue(waiting, T0);
      const offered = sut.tick(T0).offers[0].agentId;
      const other = offered === a.id ? b.id : a.id;

      expect(sut.setPresence(offered, 'away', T0 + SECOND)).toMatchObject({
        conversationId: waiting.conversationId,
      });
      expect(sut.tick(T0 + 2 * SECOND).offers).toEqual([expect.objectContaining({ agentId: other })]);
    });
  });

  describe('priority and order', () => {
    it('serves crisis and elderly first, then complaints, then the rest, each first come first served', () => {
      const sut = engineWith([]);
      const normalEarly = entry({ priority: 0, since: T0 });
      const complaint = entry({ priority: 1, since: T0 + 10 });
      const crisis = entry({ priority: 2, since: T0 + 20 });
      const normalLate = entry({ priority: 0, since: T0 + 30 });
      for (const e of [normalLate, crisis, normalEarly, complaint]) sut.enqueue(e, T0 + 40);

      expect(sut.queueView().map((item) => [item.entry.conversationId, item.position])).toEqual([
        [crisis.conversationId, 1],
        [complaint.conversationId, 2],
        [normalEarly.conversationId, 3],
        [normalLate.conversationId, 4],
      ]);
    });

    it('puts a customer who was already being served ahead of new arrivals of the same priority', () => {
      const sut = engineWith([]);
      const waitingLong = entry({ since: T0 });
      const returned = entry({ since: T0 + 500 * SECOND, front: true });
      sut.enqueue(waitingLong, T0);
      sut.enqueue(returned, T0 + 500 * SECOND);

      expect(sut.queueView().map((item) => item.entry.conversationId)).toEqual([
        returned.conversationId,
        waitingLong.conversationId,
      ]);
    });

    it('offers the first in line first when only one agent is free', () => {
      const only = agent('only', ['general'], 1);
      const sut = engineWith([only]);
      const later = entry({ since: T0 + 10 });
      const urgent = entry({ since: T0 + 20, priority: 2 });
      sut.enqueue(later, T0 + 30);
      sut.enqueue(urgent, T0 + 30);

      expect(sut.tick(T0 + 40).offers.map((o) => o.conversationId)).toEqual([urgent.conversationId]);
    });
  });

  describe('fairness', () => {
    it('offers to the least loaded agent, then to the one idle longest', () => {
      const loaded = agent('loaded', ['general']);
      const idleShort = agent('idleshort', ['general']);
      const idleLong = agent('idlelong', ['general']);
      const sut = new DeskEngine(TIMERS, 'auto');
      for (const a of [loaded, idleShort, idleLong]) {
        sut.register(a, T0);
        sut.connected(a.id);
      }
      sut.setPresence(idleLong.id, 'online', T0);
      sut.setPresence(idleShort.id, 'online', T0 + 100 * SECOND);
      sut.setPresence(loaded.id, 'online', T0);
      sut.assigned('held', loaded.id, T0 + 200 * SECOND);
      const first = entry();
      sut.enqueue(first, T0 + 300 * SECOND);

      expect(sut.tick(T0 + 300 * SECOND).offers).toEqual([
        expect.objectContaining({ conversationId: first.conversationId, agentId: idleLong.id }),
      ]);
    });

    it('spreads a burst over the agents, one offer each, least loaded first', () => {
      const agents = ['a1', 'a2', 'a3'].map((name) => agent(name, ['general']));
      const sut = engineWith(agents);
      const burst = [entry(), entry(), entry(), entry()];
      for (const e of burst) sut.enqueue(e, T0);

      const { offers } = sut.tick(T0);

      expect(offers).toHaveLength(3);
      expect(new Set(offers.map((o) => o.agentId)).size).toBe(3);
      expect(offers.map((o) => o.conversationId)).toEqual(burst.slice(0, 3).map((e) => e.conversationId));
    });

    it('prefers the agent who served the customer last when they can take it', () => {
      const a = agent('a', ['general']);
      const b = agent('b', ['general']);
      const sut = engineWith([a, b]);
      sut.assigned('other', a.id, T0);
      const returning = entry({ preferredAgentId: a.id });
      sut.enqueue(returning, T0);

      expect(sut.tick(T0).offers).toEqual([expect.objectContaining({ agentId: a.id })]);
    });
  });

  describe('offer timeout', () => {
    it('sends an offer not accepted in time to the next agent, sets the first one away, and never offers it to them again', () => {
      const a = agent('a', ['general']);
      const b = agent('b', ['general']);
      const sut = engineWith([a, b]);
      const waiting = entry();
      sut.enqueue(waiting, T0);
      const first = sut.tick(T0).offers[0];

      const early = sut.tick(T0 + TIMERS.offerAcceptMs - 1);
      expect(early.expired).toEqual([]);
      expect(early.offers).toEqual([]);

      const late = sut.tick(T0 + TIMERS.offerAcceptMs);
      expect(late.expired).toEqual([first]);
      expect(sut.presenceOf(first.agentId)).toBe('away');
      const next = late.offers[0];
      expect(next).toMatchObject({ conversationId: waiting.conversationId });
      expect(next.agentId).not.toBe(first.agentId);

      sut.setPresence(first.agentId, 'online', T0 + TIMERS.offerAcceptMs + 1);
      const again = sut.tick(T0 + 2 * TIMERS.offerAcceptMs);
      expect(again.expired).toEqual([next]);
      expect(again.offers).toEqual([]);
    });

    it('withdraws the offer when someone else accepts first', () => {
      const a = agent('a', ['general']);
      const b = agent('b', ['general']);
      const sut = engineWith([a, b]);
      const waiting = entry();
      sut.enqueue(waiting, T0);
      const offer = sut.tick(T0).offers[0];
      const taker = offer.agentId === a.id ? b.id : a.id;

      expect(sut.assigned(waiting.conversationId, taker, T0 + SECOND)).toEqual(offer);
      expect(sut.offerOf(offer.agentId)).toBeNull();
      expect(sut.isQueued(waiting.conversationId)).toBe(false);
      expect(sut.loadOf(taker)).toBe(1);
    });
  });

  describe('an agent disconnecting mid-chat', () => {
    it('keeps their chats through the grace period, then gives them back (first in line) and sets them offline', () => {
      const a = agent('a', ['general']);
      const sut = engineWith([a]);
      sut.assigned('chat1', a.id, T0);
      sut.disconnected(a.id, T0 + SECOND);

      expect(sut.tick(T0 + SECOND + TIMERS.reconnectGraceMs - 1).abandoned).toEqual([]);
      const { abandoned } = sut.tick(T0 + SECOND + TIMERS.reconnectGraceMs);
      expect(abandoned).toEqual([{ agentId: a.id, conversationIds: ['chat1'] }]);
      expect(sut.presenceOf(a.id)).toBe('offline');
      expect(sut.tick(T0 + 10 * TIMERS.reconnectGraceMs).abandoned).toEqual([]);
    });

    it('forgets the disconnection when a desk reconnects within the grace period', () => {
      const a = agent('a', ['general']);
      const sut = engineWith([a]);
      sut.assigned('chat1', a.id, T0);
      sut.disconnected(a.id, T0);
      sut.connected(a.id);

      expect(sut.tick(T0 + 10 * TIMERS.reconnectGraceMs).abandoned).toEqual([]);
      expect(sut.activeOf(a.id)).toEqual(['chat1']);
    });

    it('waits for the last of several desks of one agent', () => {
      const a = agent('a', ['general']);
      const sut = engineWith([a]);
      sut.connected(a.id);
      sut.disconnected(a.id, T0);

      expect(sut.tick(T0 + 10 * TIMERS.reconnectGraceMs).abandoned).toEqual([]);
    });
  });

  describe('queue timeout', () => {
    it('reports customers who waited past the queue timeout and offers them to nobody', () => {
      const sut = engineWith([]);
      const old = entry({ since: T0 });
      const fresh = entry({ since: T0 + 100 * SECOND });
      sut.enqueue(old, T0);
      sut.enqueue(fresh, T0 + 100 * SECOND);
      sut.register(agent('late', ['general']), T0);
      sut.setPresence('id-late', 'online', T0 + TIMERS.queueTimeoutMs);

      const result = sut.tick(T0 + TIMERS.queueTimeoutMs);

      expect(result.timedOut).toEqual([old.conversationId]);
      expect(result.offers.map((o) => o.conversationId)).toEqual([fresh.conversationId]);
    });
  });

  describe('place in the queue', () => {
    it('tells a customer their new place when it changes, at most every queueUpdateMs, and first in line at once', () => {
      const sut = engineWith([], 'manual');
      const a = entry({ since: T0 });
      const b = entry({ since: T0 + 1 });
      const c = entry({ since: T0 + 2 });
      for (const e of [a, b, c])
        expect(sut.enqueue(e, T0)).toMatchObject({ conversationId: e.conversationId });

      sut.remove(a.conversationId);
      expect(sut.tick(T0 + SECOND).positions).toEqual([
        expect.objectContaining({ conversationId: b.conversationId, ahead: 0 }),
      ]);
      expect(sut.tick(T0 + TIMERS.queueUpdateMs).positions).toEqual([
        expect.objectContaining({ conversationId: c.conversationId, ahead: 1 }),
      ]);
      expect(sut.tick(T0 + 2 * TIMERS.queueUpdateMs).positions).toEqual([]);
    });

    it('estimates the wait from the free slots and the average handle time', () => {
      const sut = engineWith([agent('a', ['general'], 1)], 'manual');
      sut.assigned('held', 'id-a', T0);
      const first = entry();
      const second = entry();

      expect(sut.enqueue(first, T0)).toMatchObject({ ahead: 0, minutes: 5 });
      expect(sut.enqueue(second, T0)).toMatchObject({ ahead: 1, minutes: 10 });
      sut.released('held', 'id-a', T0 + 60 * SECOND);
      expect(sut.positionOf(second.conversationId)).toMatchObject({ ahead: 1, minutes: 1 });
    });
  });

  describe('manual mode', () => {
    it('makes no offers: agents pick from the queue', () => {
      const sut = engineWith([agent('a', ['general'])], 'manual');
      sut.enqueue(entry(), T0);

      expect(sut.tick(T0).offers).toEqual([]);
      expect(sut.queueLength).toBe(1);
    });
  });

  it('moves a chat between agents on a transfer, freeing the first agent', () => {
    const a = agent('a', ['general']);
    const b = agent('b', ['general']);
    const sut = engineWith([a, b]);
    sut.assigned('chat1', a.id, T0);
    sut.assigned('chat1', b.id, T0 + SECOND);

    expect(sut.holderOf('chat1')).toBe(b.id);
    expect(sut.loadOf(a.id)).toBe(0);
    expect(sut.loadOf(b.id)).toBe(1);
  });
});
