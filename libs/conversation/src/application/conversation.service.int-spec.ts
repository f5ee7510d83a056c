import { SystemClock } from '@anxin/common';
import { Database } from '@anxin/persistence';
import { databaseTargets, factory } from '@anxin/testing';
import type { ConversationEvent } from '../domain/conversation.events';
import type { BotTurn } from '../domain/conversation.types';
import { InProcessEventBus } from '../infrastructure/in-process-event-bus';
import { TypeOrmConversationRepository } from '../infrastructure/typeorm-conversation.repository';
import { Responder } from '../ports/responder.port';
import { ConversationService } from './conversation.service';
import { TurnRunner } from './turn-runner';

/** A responder whose next answers the test decides. */
class ScriptedResponder extends Responder {
  next: BotTurn = { text: '答复', citations: [] };
  greet(): Promise<BotTurn> {
    return Promise.resolve({ text: '您好，我是AI智能客服', citations: [] });
  }
  respond(): Promise<BotTurn> {
    return Promise.resolve(this.next);
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
});
