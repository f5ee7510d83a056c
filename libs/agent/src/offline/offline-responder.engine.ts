import type { BotTurn, Conversation, Responder, ResponderInput } from '@anxin/conversation';
import type { KnowledgeBase } from '@anxin/knowledge';

export interface OfflineResponderOptions {
  /** Retrieval confidence (0–1) at or above which the best script is sent as the answer. */
  readonly answerMinConfidence: number;
}

const CANDIDATES = 3;

/**
 * The deterministic responder that serves when no LLM is configured: the standard opening on a
 * new conversation, the best approved script when retrieval is confident, otherwise the standard
 * "not sure" phrase with the offer of a human agent. It never invents text.
 */
export class OfflineResponder implements Responder {
  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly options: OfflineResponderOptions,
  ) {}

  greet(_conversation: Conversation): Promise<BotTurn> {
    return Promise.resolve({
      text: this.knowledge.phrases.phrase('greeting'),
      citations: [],
      meta: { responder: 'offline', phrase: 'greeting' },
    });
  }

  respond(input: ResponderInput): Promise<BotTurn> {
    const hits = this.knowledge.search(input.message.text, { k: CANDIDATES });
    const best = hits[0];
    const candidates = hits.map((hit) => ({ scriptId: hit.script.id, confidence: round(hit.confidence) }));
    if (best && best.confidence >= this.options.answerMinConfidence) {
      const { script } = best;
      return Promise.resolve({
        text: script.body,
        citations: [{ scriptId: script.id, version: script.version, title: script.title }],
        meta: {
          responder: 'offline',
          confidence: round(best.confidence),
          matchedQuestion: best.matchedQuestion,
          candidates,
        },
      });
    }
    return Promise.resolve({
      text: this.knowledge.phrases.phrase('no_grounding'),
      citations: [],
      meta: {
        responder: 'offline',
        phrase: 'no_grounding',
        confidence: round(best?.confidence ?? 0),
        candidates,
      },
    });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
