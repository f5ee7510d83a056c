import { join } from 'node:path';
import { type ChatCompletion, ChatModel, type ChatRequest, PromptLibrary } from '@anxin/agent';
import { REPO_ROOT } from '@anxin/testing';
import type { JudgeRequest } from '../engine/quality-judge.port';
import { LlmQualityJudge } from './llm-quality.judge';

class ScriptedModel extends ChatModel {
  readonly model = 'scripted';
  readonly requests: ChatRequest[] = [];
  constructor(private readonly content: string) {
    super();
  }
  complete(request: ChatRequest): Promise<ChatCompletion> {
    this.requests.push(request);
    return Promise.resolve({ content: this.content, toolCalls: [], model: this.model });
  }
}

const REQUEST: JudgeRequest = {
  rubric: 'qa-attitude-tone',
  mode: 'confirm',
  check: { id: 'CS-07', title: '服务用语', description: '不得使用禁用语。' },
  detector: 'attitude_judge',
  roles: ['agent'],
  evidence: [],
  transcript: '[0] customer (0s): 理赔怎么还没到？\n[1] agent(A1) (9s): 这不归我管。',
  messageIds: [undefined, undefined],
  criteria: ['禁用语词典：推诿'],
  candidate: { messageIndex: 1, evidence: '这不归我管' },
};

describe(LlmQualityJudge.name, () => {
  let prompts: PromptLibrary;
  beforeAll(async () => {
    prompts = await PromptLibrary.load(join(REPO_ROOT, 'prompts'));
  });

  it('renders the rubric with the check, criteria, transcript and candidate, and reads the verdict', async () => {
    const model = new ScriptedModel(
      '判定如下：{"violated": true, "messageIndex": 1, "evidence": "这不归我管", "explanation": "推诿客户"}',
    );
    const sut = new LlmQualityJudge(model, prompts, 'json_object');

    const verdict = await sut.judge(REQUEST);

    expect(verdict).toEqual({
      violated: true,
      messageIndex: 1,
      evidence: '这不归我管',
      explanation: '推诿客户',
    });
    const prompt = model.requests[0].messages[0].content;
    expect(prompt).toContain('CS-07 服务用语：不得使用禁用语。');
    expect(prompt).toContain('- 禁用语词典：推诿');
    expect(prompt).toContain('[1] agent(A1) (9s): 这不归我管。');
    expect(prompt).toContain('[1] 这不归我管');
    expect(model.requests[0].jsonObject).toBe(true);
  });

  it.each(['没有违规', '{"violated": "yes"}', '{"violated": true, "messageIndex": -1}'])(
    'rejects a reply that is not a verdict: %s',
    async (content) => {
      const sut = new LlmQualityJudge(new ScriptedModel(content), prompts, 'prompt');
      await expect(sut.judge(REQUEST)).rejects.toThrow();
    },
  );
});
