import {
  type Conversation,
  type ConversationService,
  type TranscriptEvent,
  UNUSED_CLOSE_REASON,
} from '@anxin/conversation';
import type { KnowledgeService } from '@anxin/knowledge';
import type { DeskAgent } from '../engine/desk.types';
import { deskNotice } from './desk-notice';
import type { HandoffStore } from './handoff.store.port';

/** Idle conversations handled per scan and kind (the rest on the next scan). */
const LIFECYCLE_BATCH = 200;

export interface LifecycleParts {
  readonly conversations: ConversationService;
  readonly store: HandoffStore;
  readonly knowledge: KnowledgeService;
  /** The agent behind a staff id, as the desk knows them (for lines said on their behalf). */
  readonly agentById: (agentId: string) => Promise<DeskAgent | null>;
}

/**
 * The conversation lifecycle, enforced by the server (limits in sla.yaml `service`): a bot chat
 * whose customer stopped writing closes with the idle closing line (quietly, without a rating, when
 * the customer never wrote); a silent customer of an agent chat is reminded once on the agent's
 * behalf, then the chat closes. Every action runs in the conversation's turn order and re-checks
 * the conversation first, so a customer who writes meanwhile keeps it open.
 */
export class LifecycleTimers {
  constructor(private readonly parts: LifecycleParts) {}

  /** Finds the conversations whose limits passed at `now` and queues their reminder or close in their turn order. */
  async scan(now: Date): Promise<void> {
    const { store, conversations } = this.parts;
    const timers = this.parts.knowledge.current.rules.sla.service;
    const before = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    for (const idle of await store.idleBotConversations(before(timers.botIdleCloseSeconds), LIFECYCLE_BATCH))
      conversations.schedule(idle.conversationId, () =>
        this.closeIdle(idle.conversationId, 'bot', idle.used),
      );
    for (const idle of await store.silentCustomers(
      before(timers.customerIdleReminderSeconds),
      LIFECYCLE_BATCH,
    ))
      conversations.schedule(idle.conversationId, () => this.remind(idle.conversationId));
    for (const idle of await store.remindedCustomers(
      before(timers.customerIdleCloseSeconds),
      LIFECYCLE_BATCH,
    ))
      conversations.schedule(idle.conversationId, () => this.closeIdle(idle.conversationId, 'agent', true));
  }

  private async remind(conversationId: string): Promise<void> {
    const { conversations } = this.parts;
    const current = await conversations.getConversation(conversationId);
    if (current.state !== 'agent' || !(await conversations.markIdleReminded(conversationId))) return;
    const minutes = Math.max(
      1,
      Math.round(this.parts.knowledge.current.rules.sla.service.customerIdleCloseSeconds / 60),
    );
    await this.speakAsAgent(
      current,
      `idle-reminder:${current.lastCustomerAt?.getTime() ?? 0}`,
      this.parts.knowledge.current.phrases.fill('idle_reminder', { minutes: String(minutes) }),
      'idle_reminder',
    );
  }

  /**
   * Closes a conversation whose customer stopped writing. A chat nobody wrote in closes quietly
   * (no closing line, no rating); others say the idle closing line, as the agent in an agent chat.
   */
  private async closeIdle(conversationId: string, state: 'bot' | 'agent', used: boolean): Promise<void> {
    const { conversations } = this.parts;
    const current = await conversations.getConversation(conversationId);
    if (current.state !== state) return;
    if (state === 'agent' && !current.idleRemindedAt) return;
    const reason = used ? 'idle_timeout' : UNUSED_CLOSE_REASON;
    await this.record(conversationId, {
      type: 'closed_by_timeout',
      note: used ? '客户长时间未回复，会话自动结束' : '客户未发言，会话自动结束',
      data: { state, reason },
    });
    const farewell = this.parts.knowledge.current.phrases.phrase('idle_close');
    if (state === 'agent') {
      await this.speakAsAgent(current, 'idle-close', farewell, 'idle_close');
      await conversations.closeNow(conversationId, reason);
    } else await conversations.closeNow(conversationId, reason, used ? farewell : undefined);
  }

  /** A line the system says in an agent chat on the agent's behalf (their name, marked automatic). */
  private async speakAsAgent(
    conversation: Conversation,
    key: string,
    text: string,
    notice: string,
  ): Promise<void> {
    const agent = conversation.assignedAgentId
      ? await this.parts.agentById(conversation.assignedAgentId)
      : null;
    if (!agent) {
      await this.parts.conversations.sendTurn(conversation, deskNotice(notice, text));
      return;
    }
    await this.parts.conversations.postAgentMessage(conversation.id, {
      agentId: agent.username,
      agentName: agent.displayName,
      clientMsgId: `auto:${notice}:${key}`,
      text,
      meta: { notice, auto: true },
    });
  }

  private async record(conversationId: string, event: TranscriptEvent): Promise<void> {
    const conversation = await this.parts.conversations.getConversation(conversationId);
    await this.parts.conversations.recordEvents(conversation, [event]);
  }
}
