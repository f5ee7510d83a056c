import type { QueueEntry } from './desk.types';

/**
 * The queue's serving order: higher priority first (crisis and elderly, then complaints, then the
 * rest); within a priority, customers already served once (back after their agent disconnected,
 * or transferred) before new arrivals; then first come, first served. The id breaks exact ties, so
 * the order is the same on every node and every run.
 */
export function compareEntries(a: QueueEntry, b: QueueEntry): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.front !== b.front) return a.front ? -1 : 1;
  if (a.since !== b.since) return a.since - b.since;
  return a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0;
}
