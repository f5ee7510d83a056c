import { randomUUID } from 'node:crypto';
import { SystemClock } from '@anxin/common';
import { Database } from '@anxin/persistence';
import { databaseTargets, factory } from '@anxin/testing';
import type { ConversationEvent } from '../domain/conversation.events';
import type { BotTurn, Conversation } from '../domain/conversation.types';
import { InProcessEventBus } from '../infrastructure/in-process-event-bus';
import { TypeOrmConversationRepository } from '../infrastructure/typeorm-conversation.repository';
import { HumanDesk } from '../ports/human-desk.port';
import { Responder, type ResponderInput } from '../ports/responder.port';
import { ConversationService, HANDBACK_EVENT, UNUSED_CLOSE_REASON } from './conversation.service';
import { TurnRunner } from './turn-runner';

/** A responder whose next answers the test decides; it records what it was given. */
class ScriptedResponder extends Responder {
  next: BotTurn = { text: '答复', citations: [] };
  readonly inputs: ResponderInput[] = [];
  greet(): Promise<BotTurn> {
    return Promise.resolve({ text: '您好，我是AI智能客服', citations: [] });
  }
  respond(input: ResponderInput): Promise<BotTurn> {
    this.inputs.push(input);
    return Promise.resolve(this.next);
  }
}

/** A human desk that records the messages it was handed, in turn order. */
class RecordingDesk extends HumanDesk {
  readonly seen: { state: string; text: string }[] = [];
  onCustomerMessage(input: ResponderInput): Promise<void> {
    this.seen.push({ state: input.conversation.state, text: input.message.text });
    return Promise.resolve();
  }
}

describe.each(databaseTargets())(`${ConversationService.name} on $name PostgreSQL`, (target) => {
  let database: Database;
  let responder: ScriptedResponder;
  let events: ConversationEvent[];
  let sut: ConversationService;

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
  });
  afterAll(() => database.close());

  beforeEach(() => {
    responder = new ScriptedResponder();
    events = [];
    const bus = new InProcessEventBus((error) => {
      throw error;
    });
    for (const type of [
      'message.received',
      'message.sent',
      'conversation.state_changed',
      'conversation.closed',
      'conversation.rated',
    ] as const) {
      bus.subscribe(type, (event) => {
        events.push(event);
      });
    }
    sut = new ConversationService(
      new TypeOrmConversationRepository(database.dataSource),
      bus,
      responder,
      new SystemClock(),
      new TurnRunner((error) => {
        throw error;
      }),
    );
  });

  it('greets a new conversation once, and resumes it afterwards', async () => {
    const visitor = factory.visitorId();
    const first = await sut.startOrResume('web', visitor);
    const again = await sut.startOrResume('web', visitor);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, customerId: first.customerId });
    expect(again.conversation.id).toBe(first.conversation.id);
    const history = await sut.history(first.conversation.id, 0);
    expect(history.map((m) => [m.role, m.text])).toEqual([['bot', '您好，我是AI智能客服']]);
  });

  it('persists, publishes message.received, then answers in order', async () => {
    const inbound = factory.inbound();
    const result = await sut.receive(inbound);
    await sut.drain();
    const history = await sut.history(result.conversation.id, 0);
    expect(history.map((m) => m.role)).toEqual(['bot', 'customer', 'bot']);
    expect(history[2].payload).toMatchObject({ replyToSeq: 2 });
    expect(events.map((e) => e.type)).toEqual(['message.sent', 'message.received', 'message.sent']);
  });

  it('moves to queued when the responder asks for a human, and the bot stays quiet while queued', async () => {
    responder.next = { text: '正在为您转接人工客服', citations: [], handoff: { reason: 'explicit_request' } };
    const inbound = factory.inbound({ text: '转人工' });
    const { conversation } = await sut.receive(inbound);
    await sut.drain();
    expect((await sut.getConversation(conversation.id)).state).toBe('queued');
    const change = events.find((e) => e.type === 'conversation.state_changed');
    expect(change).toMatchObject({
      from: 'bot',
      to: 'queued',
      transition: 'request_handoff',
      reason: 'explicit_request',
    });

    await sut.receive(factory.inbound({ externalUserId: inbound.externalUserId, text: '还要等多久' }));
    await sut.drain();
    const roles = (await sut.history(conversation.id, 0)).map((m) => m.role);
    expect(roles).toEqual(['bot', 'customer', 'bot', 'customer']);
  });

  it('closes with conversation.closed, refuses illegal moves, and opens a new conversation next time', async () => {
    const inbound = factory.inbound();
    const { conversation } = await sut.receive(inbound);
    await sut.drain();
    await expect(sut.transition(conversation.id, 'assign_agent')).rejects.toMatchObject({
      code: 'CONVERSATION.ILLEGAL_TRANSITION',
    });
    await sut.transition(conversation.id, 'close');
    expect(events.filter((e) => e.type === 'conversation.closed')).toHaveLength(1);
    await expect(sut.transition(conversation.id, 'close')).rejects.toMatchObject({
      code: 'CONVERSATION.ILLEGAL_TRANSITION',
    });
    const next = await sut.receive(factory.inbound({ externalUserId: inbound.externalUserId }));
    expect(next.conversation.id).not.toBe(conversation.id);
  });

  it('invites a web customer to rate once when the conversation closes, before conversation.closed', async () => {
    const inbound = factory.inbound();
    const { conversation } = await sut.receive(inbound);
    await sut.drain();
    events.length = 0;

    const closed = await sut.endByCustomer('web', inbound.externalUserId);

    expect(closed?.csatInvitedAt).toBeInstanceOf(Date);
    expect(events.map((e) => e.type)).toEqual([
      'conversation.state_changed',
      'message.sent',
      'conversation.closed',
    ]);
    const invitation = events[1].type === 'message.sent' ? events[1].message : null;
    expect(invitation).toMatchObject({ role: 'system', payload: { event: 'survey_sent' } });
    expect(invitation?.text).toContain('评价');
    expect(events[2].conversation.csatInvitedAt).toEqual(closed?.csatInvitedAt);
    const system = (await sut.history(conversation.id, 0)).filter((m) => m.role === 'system');
    expect(system.map((m) => m.payload.event)).toEqual(['survey_sent']);
  });

  it('does not invite on a channel that cannot show a rating form', async () => {
    const { conversation } = await sut.receive(factory.inbound({ channel: 'wecom-kf' }));
    await sut.drain();
    const closed = await sut.transition(conversation.id, 'close');
    expect(closed.csatInvitedAt).toBeNull();
    expect((await sut.history(conversation.id, 0)).filter((m) => m.role === 'system')).toEqual([]);
  });

  it('stores one rating of the customer, and refuses the rest with precise codes', async () => {
    const inbound = factory.inbound();
    const { conversation } = await sut.receive(inbound);
    await sut.drain();
    const rate = (score: number, comment?: string, visitor = inbound.externalUserId, id = conversation.id) =>
      sut.rateByCustomer('web', visitor, id, { score, comment });
    await expect(rate(4)).rejects.toMatchObject({ code: 'CONVERSATION.CSAT_NOT_INVITED' });
    await sut.endByCustomer('web', inbound.externalUserId);

    for (const score of [0, 6, 4.5, Number.NaN])
      await expect(rate(score)).rejects.toMatchObject({ code: 'CONVERSATION.CSAT_INVALID' });
    await expect(rate(4, '好'.repeat(501))).rejects.toMatchObject({ code: 'CONVERSATION.CSAT_INVALID' });
    await expect(rate(4, undefined, factory.visitorId())).rejects.toMatchObject({
      code: 'CONVERSATION.NOT_FOUND',
    });
    await expect(rate(4, undefined, inbound.externalUserId, 'not-a-uuid')).rejects.toMatchObject({
      code: 'CONVERSATION.NOT_FOUND',
    });

    const rated = await rate(4, '好'.repeat(500));
    expect(rated).toMatchObject({ csat: 4, csatComment: '好'.repeat(500) });
    expect(events.filter((e) => e.type === 'conversation.rated')).toHaveLength(1);
    await expect(rate(5)).rejects.toMatchObject({ code: 'CONVERSATION.CSAT_ALREADY_SUBMITTED' });
    expect((await sut.getConversation(conversation.id)).csat).toBe(4);
  });

  it('treats a retried channel message as a duplicate without reacting again', async () => {
    const inbound = factory.inbound();
    const first = await sut.receive(inbound);
    const second = await sut.receive(inbound);
    await sut.drain();
    expect(second).toMatchObject({ duplicate: true, message: first.message });
    expect(events.filter((e) => e.type === 'message.received')).toHaveLength(1);
  });

  it('reports unknown conversations as CONVERSATION.NOT_FOUND, also for malformed ids', async () => {
    await expect(sut.history('00000000-0000-4000-8000-000000000000', 0)).rejects.toMatchObject({
      code: 'CONVERSATION.NOT_FOUND',
    });
    await expect(sut.getConversation('not-a-uuid')).rejects.toMatchObject({ code: 'CONVERSATION.NOT_FOUND' });
  });

  describe('with a human desk', () => {
    /** A conversation handed over and taken by `agentId`. */
    async function withAgent(agentId: string) {
      responder.next = { text: '好的', citations: [], handoff: { reason: 'explicit_request' } };
      const inbound = factory.inbound({ text: '转人工' });
      const { conversation } = await sut.receive(inbound);
      await sut.drain();
      responder.next = { text: '答复', citations: [] };
      const taken = await sut.transition(conversation.id, 'assign_agent', { agentId, maxLoad: 3 });
      return { inbound, conversation: taken };
    }

    it('hands customer messages to the desk while queued or with an agent, never to the bot', async () => {
      const desk = new RecordingDesk();
      sut.attachDesk(desk);
      const { inbound } = await withAgent(randomUUID());
      const asked = responder.inputs.length;

      await sut.receive(factory.inbound({ externalUserId: inbound.externalUserId, text: '在吗' }));
      await sut.drain();

      expect(desk.seen).toEqual([{ state: 'agent', text: '在吗' }]);
      expect(responder.inputs).toHaveLength(asked);
    });

    it('stores agent messages once per clientMsgId, with the agent recorded for QA', async () => {
      const { conversation } = await withAgent(randomUUID());
      const draft = { agentId: 'agent1', agentName: '客服 刘洋', clientMsgId: 'm1', text: '您好' };

      const first = await sut.postAgentMessage(conversation.id, draft);
      const again = await sut.postAgentMessage(conversation.id, draft);

      expect(first).toMatchObject({
        duplicate: false,
        message: { role: 'agent', payload: { agentId: 'agent1' } },
      });
      expect(again).toMatchObject({ duplicate: true, message: { id: first.message.id } });
      expect((await sut.history(conversation.id, 0)).filter((m) => m.role === 'agent')).toHaveLength(1);

      const { conversation: other } = await withAgent(randomUUID());
      const elsewhere = await sut.postAgentMessage(other.id, draft);
      expect(elsewhere).toMatchObject({ duplicate: false, message: { conversationId: other.id } });
    });

    it('lets one of two agents take a waiting conversation, and holds each agent to their capacity', async () => {
      responder.next = { text: '好的', citations: [], handoff: { reason: 'explicit_request' } };
      const { conversation } = await sut.receive(factory.inbound({ text: '转人工' }));
      await sut.drain();
      const [a, b] = [randomUUID(), randomUUID()];

      const outcomes = await Promise.allSettled([
        sut.transition(conversation.id, 'assign_agent', { agentId: a, maxLoad: 3 }),
        sut.transition(conversation.id, 'assign_agent', { agentId: b, maxLoad: 3 }),
      ]);

      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'CONVERSATION.STATE_CONFLICT' });
      const winner = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<Conversation>)
        .value;
      expect((await sut.getConversation(conversation.id)).assignedAgentId).toBe(winner.assignedAgentId);

      responder.next = { text: '好的', citations: [], handoff: { reason: 'explicit_request' } };
      const { conversation: second } = await sut.receive(factory.inbound({ text: '转人工' }));
      await sut.drain();
      await expect(
        sut.transition(second.id, 'assign_agent', { agentId: winner.assignedAgentId ?? '', maxLoad: 1 }),
      ).rejects.toMatchObject({ code: 'CONVERSATION.AGENT_AT_CAPACITY' });
      await expect(
        sut.transition(conversation.id, 'return_to_bot', { expectAgentId: randomUUID() }),
      ).rejects.toMatchObject({ code: 'CONVERSATION.AGENT_CHANGED' });
    });

    it('shows the bot only what came after the hand-back, so an old 转人工 is not read again', async () => {
      const { inbound, conversation } = await withAgent(randomUUID());
      await sut.recordEvents(conversation, [{ type: HANDBACK_EVENT, note: '转回机器人' }]);
      await sut.transition(conversation.id, 'return_to_bot');

      await sut.receive(factory.inbound({ externalUserId: inbound.externalUserId, text: '车险怎么报案' }));
      await sut.drain();

      const input = responder.inputs.at(-1);
      expect(input?.message.text).toBe('车险怎么报案');
      expect(input?.history.map((m) => m.text)).toEqual([]);
    });

    it('closes with the closing line first; a conversation nobody wrote in closes without a rating', async () => {
      const inbound = factory.inbound();
      const { conversation } = await sut.receive(inbound);
      await sut.drain();
      const closed = await sut.endByCustomer(
        'web',
        inbound.externalUserId,
        '感谢您的咨询！如您还有其他问题，欢迎联系我们。',
      );
      const history = await sut.history(conversation.id, 0);
      expect(history.filter((m) => m.role !== 'system').at(-1)).toMatchObject({
        role: 'bot',
        payload: { notice: 'closing', reason: 'customer_ended' },
      });
      expect(closed?.csatInvitedAt).toBeInstanceOf(Date);

      const quiet = await sut.startOrResume('web', factory.visitorId());
      const unused = await sut.close(quiet.conversation.id, UNUSED_CLOSE_REASON);
      expect(unused?.csatInvitedAt).toBeNull();
      expect(events.filter((e) => e.type === 'conversation.closed').at(-1)).toMatchObject({
        reason: UNUSED_CLOSE_REASON,
      });
    });
  });
});
