import { randomUUID } from 'node:crypto';
import { ConversationRepository } from '@anxin/conversation';
import { KnowledgeService } from '@anxin/knowledge';
import { QaScoreStore, ScoringQueue } from '@anxin/quality';
import { type ChatClient, connectChat, createSession, databaseTargets, type Session } from '@anxin/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app';

interface EndAck {
  conversationId: string | null;
  closed: boolean;
  csat: string;
}
interface CsatInvite {
  conversationId: string;
  scale: number;
  commentMaxLength: number;
  prompt: string;
  thanks: string;
}
type ErrorAck = { error: { code: string; message: string } };
interface StoredCsat {
  csat: number | null;
  csat_comment: string | null;
  csat_invited_at: Date | null;
  csat_at: Date | null;
}

const QUESTION = '车险理赔需要准备哪些材料?';

/** Every `event` the socket receives, in order. */
function record<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databaseTargets())('CSAT in the web chat on $name PostgreSQL', (target) => {
  let sut: TestApp;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    // Many refused submits in a row: lift the per-connection flood limit.
    sut = await startTestApp(target, { CHAT_MAX_MESSAGES_PER_SECOND: '100' });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => sut.close());

  async function open(): Promise<{ session: Session; client: ChatClient; invites: CsatInvite[] }> {
    const session = await createSession(sut.url);
    const client = await connectChat(sut.url, session.token);
    clients.push(client);
    return { session, client, invites: record<CsatInvite>(client.socket, 'csat:invite') };
  }

  /** A customer who asked one question (and got the answer), then ended the chat. */
  async function endedChat() {
    const chat = await open();
    const ack = await chat.client.call<{ seq: number }>('message:send', {
      clientMsgId: 'q-1',
      text: QUESTION,
    });
    await chat.client.waitForMessage((m) => m.role === 'bot' && m.seq > ack.seq);
    const ended = await chat.client.call<EndAck>('conversation:end', {});
    return { ...chat, ended };
  }

  async function stored(conversationId: string): Promise<StoredCsat> {
    const rows = (await sut.app
      .get(DataSource)
      .query(`SELECT csat, csat_comment, csat_invited_at, csat_at FROM conversation WHERE id = $1`, [
        conversationId,
      ])) as StoredCsat[];
    return rows[0];
  }

  it('invites the customer once when they end the chat, in the transcript QA scores', async () => {
    const { session, client, invites, ended } = await endedChat();
    const phrases = sut.app.get(KnowledgeService).current.phrases;

    expect(ended).toEqual({ conversationId: session.conversationId, closed: true, csat: 'invited' });
    await until(() => invites.length > 0);
    expect(invites).toEqual([
      {
        conversationId: session.conversationId,
        scale: 5,
        commentMaxLength: 500,
        prompt: phrases.phrase('csat_invite'),
        thanks: phrases.phrase('csat_thanks'),
      },
    ]);
    expect(invites[0].prompt).toContain('1-5星');
    expect((await stored(session.conversationId)).csat_invited_at).toBeInstanceOf(Date);
    const messages = await sut.app.get(ConversationRepository).listMessages(session.conversationId, 0, 100);
    const system = messages.filter((m) => m.role === 'system');
    expect(system.map((m) => [m.payload.event, m.text])).toEqual([['survey_sent', '已邀请客户评价本次服务']]);
    // Customers never see system events.
    expect(client.received.some((m) => m.role === 'system')).toBe(false);

    await sut.app.get(ScoringQueue).drain();
    const scores = await sut.app.get(QaScoreStore).forConversation(session.conversationId);
    const whole = scores.find((s) => s.subject === 'all');
    expect(whole).toBeDefined();
    // CS-22: the logged invitation stands for the rating invitation the standard requires.
    expect(whole?.findings.filter((f) => f.detector === 'survey_invited')).toEqual([]);

    expect(await client.call<EndAck>('conversation:end', {})).toEqual({
      conversationId: null,
      closed: false,
      csat: 'not_offered',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(invites).toHaveLength(1);
  });

  it('stores the rating with its trimmed comment, and refuses a second one without overwriting', async () => {
    const { session, client } = await endedChat();
    const before = Date.now();

    const ack = await client.call('csat:submit', {
      conversationId: session.conversationId,
      score: 4,
      comment: '  回复很及时，谢谢！\n ',
    });

    expect(ack).toEqual({ conversationId: session.conversationId, score: 4, accepted: true });
    const rated = await stored(session.conversationId);
    expect(rated).toMatchObject({ csat: 4, csat_comment: '回复很及时，谢谢！' });
    expect(rated.csat_at?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const again = await client.call<ErrorAck>('csat:submit', {
      conversationId: session.conversationId,
      score: 1,
    });
    expect(again.error.code).toBe('CONVERSATION.CSAT_ALREADY_SUBMITTED');
    expect(again.error.message).toMatch(/已评价/);
    expect(await stored(session.conversationId)).toEqual(rated);
  });

  it('accepts exactly one of concurrent ratings', async () => {
    const { session, client } = await endedChat();
    const acks = await Promise.all(
      [5, 3, 1].map((score) =>
        client.call<{ accepted?: true } & Partial<ErrorAck>>('csat:submit', {
          conversationId: session.conversationId,
          score,
        }),
      ),
    );
    expect(acks.filter((a) => a.accepted)).toHaveLength(1);
    expect(acks.filter((a) => a.error?.code === 'CONVERSATION.CSAT_ALREADY_SUBMITTED')).toHaveLength(2);
  });

  it('refuses malformed ratings with the validation error and stores nothing', async () => {
    const { session, client } = await endedChat();
    const conversationId = session.conversationId;
    for (const payload of [
      { conversationId, score: 0 },
      { conversationId, score: 6 },
      { conversationId, score: 4.5 },
      { conversationId, score: '5' },
      { conversationId },
      { score: 5 },
      { conversationId: 'not-a-uuid', score: 5 },
      { conversationId, score: 5, comment: '好'.repeat(501) },
      { conversationId, score: 5, comment: '好\u0000评' },
      { conversationId, score: 5, stars: 5 },
      'five stars',
    ]) {
      const ack = await client.call<ErrorAck>('csat:submit', payload);
      expect([JSON.stringify(payload).slice(0, 60), ack.error?.code]).toEqual([
        JSON.stringify(payload).slice(0, 60),
        'CHANNEL.INVALID_PAYLOAD',
      ]);
    }
    expect(await stored(conversationId)).toMatchObject({ csat: null, csat_comment: null, csat_at: null });
    const longest = await client.call('csat:submit', { conversationId, score: 5, comment: '好'.repeat(500) });
    expect(longest).toMatchObject({ accepted: true });
  });

  it("refuses an unknown conversation, another customer's, and one not ended yet", async () => {
    const rated = await endedChat();
    const other = await open();

    const foreign = await other.client.call<ErrorAck>('csat:submit', {
      conversationId: rated.session.conversationId,
      score: 1,
    });
    const unknown = await other.client.call<ErrorAck>('csat:submit', {
      conversationId: randomUUID(),
      score: 1,
    });
    const early = await other.client.call<ErrorAck>('csat:submit', {
      conversationId: other.session.conversationId,
      score: 5,
    });

    expect([foreign.error.code, unknown.error.code, early.error.code]).toEqual([
      'CONVERSATION.NOT_FOUND',
      'CONVERSATION.NOT_FOUND',
      'CONVERSATION.CSAT_NOT_INVITED',
    ]);
    expect(await stored(rated.session.conversationId)).toMatchObject({ csat: null });
    expect(await stored(other.session.conversationId)).toMatchObject({ csat: null, csat_invited_at: null });
  });
});
