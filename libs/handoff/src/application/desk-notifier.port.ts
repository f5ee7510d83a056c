/** What the desk pushes to staff in real time (socket.io namespace /desk, docs/api/desk.md). */
export type DeskPush =
  | {
      readonly type: 'offer';
      readonly conversationId: string;
      readonly expiresAt: string;
      /** Seconds left to accept, by the server's clock (the desk's own clock may differ). */
      readonly expiresInSeconds: number;
      readonly skill: string;
      readonly reason: string | null;
      readonly priority: number;
    }
  | {
      readonly type: 'offer:withdrawn';
      readonly conversationId: string;
      /** expired: not accepted in time; taken: someone else took it; left: no longer waiting. */
      readonly reason: 'expired' | 'taken' | 'left';
    }
  | { readonly type: 'assigned'; readonly conversationId: string }
  | {
      readonly type: 'unassigned';
      readonly conversationId: string;
      readonly reason: 'transferred' | 'returned' | 'closed' | 'requeued';
    }
  | { readonly type: 'presence'; readonly status: string; readonly load: number; readonly capacity: number };

/**
 * Port: how the handoff service reaches the staff's desks. The socket gateway implements it;
 * messages of followed conversations reach the desks from the conversation events directly.
 */
export abstract class DeskNotifier {
  /** Something in the queue changed: desks refresh it (the adapter throttles). */
  abstract queueChanged(): void;
  abstract toAgent(agentId: string, push: DeskPush): void;
  /** The agent's desks receive the conversation's messages from now on. */
  abstract follow(agentId: string, conversationId: string): void;
  abstract unfollow(agentId: string, conversationId: string): void;
  /**
   * The conversation stopped waiting: only its holder (null: nobody) and supervisors keep
   * following it; agents who watched it while it waited stop receiving it.
   */
  abstract narrow(conversationId: string, holderId: string | null): void;
}
