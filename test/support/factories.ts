import { randomUUID } from 'node:crypto';
import type { Conversation, InboundMessage, Message } from '@anxin/conversation';

let counter = 0;
const next = (): number => ++counter;

export const factory = {
  visitorId: (): string => `v-${randomUUID()}`,
  conversation: (overrides: Partial<Conversation> = {}): Conversation => ({
    id: randomUUID(),
    customerId: randomUUID(),
    channel: 'web',
    state: 'bot',
    skill: null,
    openedAt: new Date('2026-11-25T08:00:00Z'),
    queuedAt: null,
    assignedAt: null,
    closedAt: null,
    priority: 0,
    handoffReason: null,
    assignedAgentId: null,
    queueSince: null,
    queueFront: false,
    lastMessageAt: null,
    lastCustomerAt: null,
    idleRemindedAt: null,
    csat: null,
    csatComment: null,
    csatInvitedAt: null,
    csatAt: null,
    ...overrides,
  }),
  message: (overrides: Partial<Message> = {}): Message => ({
    id: randomUUID(),
    conversationId: randomUUID(),
    seq: next(),
    role: 'customer',
    text: '车险理赔需要准备哪些材料?',
    citations: [],
    payload: {},
    channel: 'web',
    channelMessageId: null,
    createdAt: new Date('2026-11-25T08:00:00Z'),
    ...overrides,
  }),
  inbound: (overrides: Partial<InboundMessage> = {}): InboundMessage => ({
    channel: 'web',
    externalUserId: `v-${randomUUID()}`,
    channelMessageId: `m-${randomUUID()}`,
    text: '车险理赔需要准备哪些材料?',
    ...overrides,
  }),
};
