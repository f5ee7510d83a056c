import type { BotTurn, Conversation, Responder, ResponderInput } from '@anxin/conversation';
import type { KnowledgeService, RetrievalHit } from '@anxin/knowledge';

export interface OfflineResponderOptions {
  /** Retrieval confidence (0–1) at or above which the best script is sent as the answer. */
  readonly answerMinConfidence: number;
  /** From here up to answerMinConfidence the closest scripts are offered as quick replies. */
  readonly suggestMinConfidence: number;
}

/** answer: send the script; suggest: offer the closest scripts; none: say so and offer a human. */
export type RetrievalBand = 'answer' | 'suggest' | 'none';

const CANDIDATES = 3;

/** Which band a retrieval confidence falls in. */
export function bandOf(confidence: number, options: OfflineResponderOptions): RetrievalBand {
  if (confidence >= options.answerMinConfidence) return 'answer';
  if (confidence >= options.suggestMinConfidence) return 'suggest';
  return 'none';
}

/**
 * The deterministic responder that serves when no LLM is configured: the standard opening on a
 * new conversation; the best approved script when retrieval is confident; when it is only fairly
 * sure, the titles of the closest scripts as quick replies; otherwise the standard "not sure"
 * phrase with the offer of a human agent. It never invents text.
 */
export class OfflineResponder implements Responder {
  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly options: OfflineResponderOptions,
  ) {}

  greet(_conversation: Conversation): Promise<BotTurn> {
    return Promise.resolve({
      text: this.knowledge.current.phrases.phrase('greeting'),
      citations: [],
      meta: { responder: 'offline', phrase: 'greeting' },
    });
  }

  async respond(input: ResponderInput): Promise<BotTurn> {
    return this.turnFor(await this.knowledge.search(input.message.text, CANDIDATES));
  }

  private turnFor(hits: readonly RetrievalHit[]): BotTurn {
    const best = hits.at(0);
    const confidence = best?.confidence ?? 0;
    const band = bandOf(confidence, this.options);
    const meta = {
      responder: 'offline',
      band,
      confidence: round(confidence),
      candidates: hits.map((hit) => ({
        scriptId: hit.script.id,
        version: hit.script.version,
        confidence: round(hit.confidence),
      })),
    };
    switch (band) {
      case 'answer': {
        const { script } = best as RetrievalHit;
        return {
          text: script.body,
          citations: [{ scriptId: script.id, version: script.version, title: script.title }],
          meta: { ...meta, matchedQuestion: (best as RetrievalHit).matchedQuestion },
        };
      }
      case 'suggest':
        return {
          text: this.knowledge.current.phrases.phrase('suggestion_intro'),
          citations: [],
          quickReplies: [...new Set(hits.map((hit) => hit.script.title))],
          meta: { ...meta, phrase: 'suggestion_intro' },
        };
      case 'none':
        return {
          text: this.knowledge.current.phrases.phrase('no_grounding'),
          citations: [],
          meta: { ...meta, phrase: 'no_grounding' },
        };
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
