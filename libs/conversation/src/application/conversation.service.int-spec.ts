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
