import { randomUUID } from 'node:crypto';
import { Database } from '@anxin/persistence';
import { databaseTargets, factory } from '@anxin/testing';
import { TypeOrmConversationRepository } from './typeorm-conversation.repository';

const AT = new Date('2026-11-25T08:00:00Z');

describe.each(databaseTargets())('TypeOrmConversationRepository on $name PostgreSQL', (target) => {
  let database: Database;
  let sut: TypeOrmConversationRepository;

  beforeAll(async () => {
    database = await Database.open(target.config, target.options);
    sut = new TypeOrmConversationRepository(database.dataSource);
  });
  afterAll(() => database.close());

  async function openConversation() {
    const customerId = await sut.resolveCustomer('web', factory.visitorId());
    return (await sut.openConversation(customerId, 'web', AT)).conversation;
  }

  async function closedConversation() {
    const open = await openConversation();
    const closed = await sut.changeState(open.id, { from: 'bot', to: 'closed', at: AT });
    if (!closed) throw new Error('could not close the conversation');
    return closed;
  }

  const INVITED_AT = new Date('2026-11-25T08:10:00Z');
  const invitation = (conversationId: string) => ({
    conversationId,
    role: 'system' as const,
    text: '已邀请客户评价本次服务',
    channel: 'web' as const,
    payload: { event: 'survey_sent' },
    createdAt: INVITED_AT,
  });

  async function invitedConversation() {
    const closed = await closedConversation();
    const invited = await sut.recordCsatInvitation(invitation(closed.id));
    if (!invited) throw new Error('could not invite');
    return invited.conversation;
  }

  it('resolves the same customer for the same channel identity, also when asked concurrently', async () => {
    const visitor = factory.visitorId();
    const ids = await Promise.all(Array.from({ length: 5 }, () => sut.resolveCustomer('web', visitor)));
    expect(new Set(ids).size).toBe(1);
    expect(await sut.resolveCustomer('web', factory.visitorId())).not.toBe(ids[0]);
  });

  it('keeps one open conversation per customer and channel', async () => {
    const customerId = await sut.resolveCustomer('web', factory.visitorId());
    const results = await Promise.all([1, 2, 3].map(() => sut.openConversation(customerId, 'web', AT)));
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0].conversation.state).toBe('bot');
  });

  it('numbers messages 1, 2, 3… per conversation, gap-free under concurrency', async () => {
    const conversation = await openConversation();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        sut.appendMessage({
          conversationId: conversation.id,
          role: 'customer',
          text: `m${i}`,
          channel: 'web',
          channelMessageId: randomUUID(),
          createdAt: AT,
        }),
      ),
    );
    const messages = await sut.listMessages(conversation.id, 0, 100);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('stores a channel message once: a retry returns the stored message', async () => {
    const conversation = await openConversation();
    const draft = {
      conversationId: conversation.id,
      role: 'customer' as const,
      text: '你好',
      channel: 'web' as const,
      channelMessageId: randomUUID(),
      createdAt: AT,
    };
    const results = await Promise.all([
      sut.appendMessage(draft),
      sut.appendMessage(draft),
      sut.appendMessage(draft),
    ]);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const next = await sut.appendMessage({ ...draft, channelMessageId: randomUUID() });
    expect(next.message.seq).toBe(2);
  });

  it('round-trips citations, payload and text', async () => {
    const conversation = await openConversation();
    const { message } = await sut.appendMessage({
      conversationId: conversation.id,
      role: 'bot',
      text: '您好\n第二行',
      channel: 'web',
      citations: [{ scriptId: 'claims-motor-documents', version: 1, title: '车险理赔所需材料' }],
      payload: { responder: 'offline', confidence: 0.9 },
      createdAt: AT,
    });
    const [stored] = await sut.listMessages(conversation.id, 0, 10);
    expect(stored).toEqual(message);
    expect(stored.citations[0].scriptId).toBe('claims-motor-documents');
    expect(stored.payload).toEqual({ responder: 'offline', confidence: 0.9 });
    expect(stored.createdAt.toISOString()).toBe(AT.toISOString());
  });

  it('pages history after a seq', async () => {
    const conversation = await openConversation();
    for (const text of ['a', 'b', 'c', 'd']) {
      await sut.appendMessage({
        conversationId: conversation.id,
        role: 'customer',
        text,
        channel: 'web',
        createdAt: AT,
      });
    }
    expect((await sut.listMessages(conversation.id, 2, 10)).map((m) => m.text)).toEqual(['c', 'd']);
    expect((await sut.listMessages(conversation.id, 0, 2)).map((m) => m.text)).toEqual(['a', 'b']);
  });

  it('refuses to edit or delete a message: transcripts are append-only', async () => {
    const conversation = await openConversation();
    const { message } = await sut.appendMessage({
      conversationId: conversation.id,
      role: 'customer',
      text: 'x',
      channel: 'web',
      createdAt: AT,
    });
    await expect(
      database.dataSource.query(`UPDATE message SET text = 'y' WHERE id = $1`, [message.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.dataSource.query(`DELETE FROM message WHERE id = $1`, [message.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('changes state only from the expected state and stamps the time', async () => {
    const conversation = await openConversation();
    const later = new Date('2026-11-25T08:05:00Z');
    const queued = await sut.changeState(conversation.id, { from: 'bot', to: 'queued', at: later });
    expect(queued?.state).toBe('queued');
    expect(queued?.queuedAt?.toISOString()).toBe(later.toISOString());
    expect(await sut.changeState(conversation.id, { from: 'bot', to: 'closed', at: later })).toBeNull();
    const closed = await sut.changeState(conversation.id, { from: 'queued', to: 'closed', at: later });
    expect(closed?.closedAt?.toISOString()).toBe(later.toISOString());
    expect(await sut.findOpenConversation(conversation.customerId, 'web')).toBeNull();
  });

  it('invites to rate once per closed conversation, with its survey_sent message, also when asked concurrently', async () => {
    const open = await openConversation();
    await sut.appendMessage({
      conversationId: open.id,
      role: 'customer',
      text: '你好',
      channel: 'web',
      createdAt: AT,
    });
    expect(await sut.recordCsatInvitation(invitation(open.id))).toBeNull(); // still open
    await sut.changeState(open.id, { from: 'bot', to: 'closed', at: AT });

    const results = await Promise.all([1, 2, 3].map(() => sut.recordCsatInvitation(invitation(open.id))));

    const won = results.filter((r) => r !== null);
    expect(won).toHaveLength(1);
    expect(won[0]?.conversation).toMatchObject({ id: open.id, csatInvitedAt: INVITED_AT, csat: null });
    expect(won[0]?.message).toMatchObject({ seq: 2, role: 'system', payload: { event: 'survey_sent' } });
    const messages = await sut.listMessages(open.id, 0, 10);
    expect(messages.map((m) => [m.seq, m.role])).toEqual([
      [1, 'customer'],
      [2, 'system'],
    ]);
    expect((await sut.getConversation(open.id))?.csatInvitedAt?.toISOString()).toBe(INVITED_AT.toISOString());
  });

  it('stores a rating once: a second one, also concurrent, is refused and overwrites nothing', async () => {
    const conversation = await invitedConversation();
    const rate = (score: number, comment: string | null, at: Date) =>
      sut.saveCsat({
        conversationId: conversation.id,
        customerId: conversation.customerId,
        score,
        comment,
        at,
      });
    const first = new Date('2026-11-25T08:11:00Z');

    const results = await Promise.all([
      rate(4, '回复很及时', first),
      rate(1, '差', first),
      rate(2, null, first),
    ]);

    const won = results.filter((r) => r !== null);
    expect(won).toHaveLength(1);
    const stored = await sut.getConversation(conversation.id);
    expect(stored).toMatchObject({ csat: won[0]?.csat, csatComment: won[0]?.csatComment, csatAt: first });
    expect(await rate(5, '再评一次', new Date('2026-11-25T09:00:00Z'))).toBeNull();
    expect(await sut.getConversation(conversation.id)).toEqual(stored);
  });

  it('round-trips a rating with its comment and time', async () => {
    const conversation = await invitedConversation();
    const at = new Date('2026-11-25T08:12:00Z');
    const rated = await sut.saveCsat({
      conversationId: conversation.id,
      customerId: conversation.customerId,
      score: 4,
      comment: '回复很及时，谢谢😀',
      at,
    });
    expect(rated).toMatchObject({
      csat: 4,
      csatComment: '回复很及时，谢谢😀',
      csatAt: at,
      csatInvitedAt: INVITED_AT,
    });
    expect(await sut.getConversation(conversation.id)).toEqual(rated);
  });

  it("refuses a rating for another customer's conversation, and one never invited", async () => {
    const conversation = await invitedConversation();
    const stranger = await sut.resolveCustomer('web', factory.visitorId());
    const notInvited = await closedConversation();
    const stillOpen = await openConversation();

    expect(
      await sut.saveCsat({
        conversationId: conversation.id,
        customerId: stranger,
        score: 1,
        comment: null,
        at: AT,
      }),
    ).toBeNull();
    for (const other of [notInvited, stillOpen])
      expect(
        await sut.saveCsat({
          conversationId: other.id,
          customerId: other.customerId,
          score: 5,
          comment: null,
          at: AT,
        }),
      ).toBeNull();
    expect(await sut.getConversation(conversation.id)).toMatchObject({
      csat: null,
      csatComment: null,
      csatAt: null,
    });
    expect(await sut.getConversation(notInvited.id)).toMatchObject({ csat: null, csatInvitedAt: null });
  });

  it('reports an unknown conversation when appending', async () => {
    await expect(
      sut.appendMessage({
        conversationId: randomUUID(),
        role: 'customer',
        text: 'x',
        channel: 'web',
        createdAt: AT,
      }),
    ).rejects.toMatchObject({ code: 'CONVERSATION.NOT_FOUND' });
  });
});
