import { type ChatModel, extractObject, type PromptLibrary } from '@anxin/agent';
import { z } from 'zod';
import { type JudgeRequest, QualityJudge, type JudgeVerdict } from '../engine/quality-judge.port';

const verdictSchema = z.object({
  violated: z.boolean(),
  messageIndex: z.number().int().min(0).nullable().default(null),
  evidence: z.string().max(2000).default(''),
  explanation: z.string().max(500).default(''),
});

/**
 * The LLM judge: renders the check's rubric prompt (prompts/qa-*.md) and asks the configured
 * model for one JSON verdict. The engine checks that the verdict quotes the transcript; a reply
 * that is not a verdict rejects, which leaves the detector "not assessed", never passed.
 */
export class LlmQualityJudge extends QualityJudge {
  constructor(
    private readonly model: ChatModel,
    private readonly prompts: PromptLibrary,
    private readonly jsonMode: 'json_object' | 'prompt',
  ) {
    super();
  }

  async judge(request: JudgeRequest): Promise<JudgeVerdict> {
    const prompt = this.prompts.render(request.rubric, {
      check: `${request.check.id} ${request.check.title}：${request.check.description}`,
      criteria: request.criteria.length > 0 ? request.criteria.map((line) => `- ${line}`).join('\n') : '无',
      transcript: request.transcript,
      candidate: request.candidate
        ? `[${request.candidate.messageIndex}] ${request.candidate.evidence}`
        : '无',
    });
    const completion = await this.model.complete({
      messages: [{ role: 'user', content: prompt.text }],
      jsonObject: this.jsonMode === 'json_object',
    });
    const json = extractObject(completion.content);
    if (json === null) throw new Error('judge reply holds no JSON object');
    return verdictSchema.parse(JSON.parse(json));
  }
}
