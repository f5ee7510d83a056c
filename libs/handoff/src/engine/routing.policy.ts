import type { QueueEntry } from './desk.types';

/** An agent who can take the customer now: online, with the skill, spare capacity, no open offer. */
export interface RoutingCandidate {
  readonly agentId: string;
  readonly username: string;
  /** Chats they hold. */
  readonly load: number;
  /** Since when they have had nothing new (ms). */
  readonly idleSince: number;
}

/**
 * Who is offered the customer: the agent who served them last when that agent is a candidate (a
 * returning customer continues with someone who knows the case); otherwise the least loaded, then
 * the longest idle (fairness between equally loaded agents), then by username (deterministic).
 */
export function pickAgent(entry: QueueEntry, candidates: readonly RoutingCandidate[]): string | null {
  if (candidates.length === 0) return null;
  if (entry.preferredAgentId && candidates.some((c) => c.agentId === entry.preferredAgentId))
    return entry.preferredAgentId;
  const best = [...candidates].sort(
    (a, b) =>
      a.load - b.load ||
      a.idleSince - b.idleSince ||
      (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
  )[0];
  return best.agentId;
}
