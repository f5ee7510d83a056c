import type { BotTurn } from '@anxin/conversation';
import type { KnowledgeService, RetrievalHit } from '@anxin/knowledge';

export interface OfflineResponderOptions {
  /** Retrieval confidence (0–1) at or above which the best script is sent as the answer. */
  readonly answerMinConfidence: number;
  /** From here up to answerMinConfidence the closest scripts are offered as quick replies. */
  readonly suggestMinConfidence: number;
}

/** answer: send the script; suggest: offer the closest scripts; none: say so and offer a human. */
export type RetrievalBand = 'answer' | 'suggest' | 'none';

export const OFFLINE_CANDIDATES = 3;

/** Which band a retrieval confidence falls in. */
export function bandOf(confidence: number, options: OfflineResponderOptions): RetrievalBand {
  if (confidence >= options.answerMinConfidence) return 'answer';
  if (confidence >= options.suggestMinConfidence) return 'suggest';
  return 'none';
}

/**
 * The deterministic answer when no LLM serves (or it failed): the best approved script when
 * retrieval is confident; when it is only fairly sure, the titles of the closest scripts as quick
 * replies; otherwise the standard "not sure" phrase with the offer of a human. It never invents text.
 */
export class OfflineResponder {
  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly options: OfflineResponderOptions,
  ) {}

  greeting(): BotTurn {
    return {
      text: this.knowledge.current.phrases.phrase('greeting'),
      citations: [],
      meta: { responder: 'offline', phrase: 'greeting' },
    };
  }

  async answer(text: string): Promise<BotTurn & { band: RetrievalBand }> {
    return this.turnFor(await this.knowledge.search(text, OFFLINE_CANDIDATES));
  }

  /** The turn for hits already retrieved (the LLM path's fallback reuses its retrieval). */
  turnFor(hits: readonly RetrievalHit[]): BotTurn & { band: RetrievalBand } {
    const best = hits.at(0);
    const confidence = best?.confidence ?? 0;
    const band = bandOf(confidence, this.options);
    const meta = {
      responder: 'offline',
      band,
      confidence: round(confidence),
      candidates: hits.slice(0, OFFLINE_CANDIDATES).map((hit) => ({
        scriptId: hit.script.id,
        version: hit.script.version,
        confidence: round(hit.confidence),
      })),
    };
    switch (band) {
      case 'answer': {
        const { script } = best as RetrievalHit;
        return {
          band,
          text: script.body,
          citations: [{ scriptId: script.id, version: script.version, title: script.title }],
          meta: { ...meta, matchedQuestion: (best as RetrievalHit).matchedQuestion },
        };
      }
      case 'suggest':
        return {
          band,
          text: this.knowledge.current.phrases.phrase('suggestion_intro'),
          citations: [],
          quickReplies: [...new Set(hits.slice(0, OFFLINE_CANDIDATES).map((hit) => hit.script.title))],
          meta: { ...meta, phrase: 'suggestion_intro' },
        };
      case 'none':
        return {
          band,
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
