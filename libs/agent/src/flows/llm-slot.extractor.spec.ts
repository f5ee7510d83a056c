import { join } from 'node:path';
import { KnowledgeBase } from '@anxin/knowledge';
import { REPO_ROOT } from '@anxin/testing';
import { PiiVault } from '../guardrails/pii-vault';
import { type ChatCompletion, ChatModel, type ChatRequest } from '../llm/chat-model.port';
import { PromptLibrary } from '../prompts';
import { FlowDefinitions } from './flow-definition.loader';
import { LlmSlotExtractor } from './llm-slot.extractor';

/** Answers every request with the same content and keeps the requests. */
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

describe(LlmSlotExtractor.name, () => {
  let knowledge: KnowledgeBase;
  let prompts: PromptLibrary;
  let flows: FlowDefinitions;

  beforeAll(async () => {
    knowledge = await KnowledgeBase.load(join(REPO_ROOT, 'knowledge'));
    prompts = await PromptLibrary.load(join(REPO_ROOT, 'prompts'));
    flows = await FlowDefinitions.load(join(REPO_ROOT, 'knowledge'));
  });

  async function extract(reply: string, text: string) {
    const model = new ScriptedModel(reply);
    const vault = new PiiVault(knowledge.rules.pii);
    const sut = new LlmSlotExtractor(model, prompts, 'json_object');
    const result = await sut.extract({
      flow: flows.get('claim-report'),
      awaiting: 'place',
      maskedText: vault.mask(text),
      vault,
      today: '2026-11-25',
    });
    return { result, model };
  }

  it('renders the versioned prompt with the flow’s slots and the masked message', async () => {
    const { result, model } = await extract('{"slots": {}}', '保单AXMD202601010003，在人民医院');

    const prompt = model.requests[0].messages[0].content;
    expect(prompt).toContain('理赔报案');
    expect(prompt).toContain('- incident_at：出险时间，YYYY年M月D日 HH:mm');
    expect(prompt).toContain('出险地点（place）');
    expect(prompt).toContain('[保单号1]');
    expect(prompt).not.toContain('AXMD202601010003');
    expect(model.requests[0].jsonObject).toBe(true);
    expect(result.prompt).toEqual({ id: 'flow-slots', version: 1 });
  });

  it('keeps only the flow’s keys, restores placeholders and drops empty or oversized values', async () => {
    const reply = `好的：{"slots": {"place": " 人民医院 ", "policy_no": "[保单号1]", "injuries": "",
      "description": "${'摔'.repeat(501)}", "password": "123456", "incident_at": 20261124}}`;

    const { result } = await extract(reply, '保单AXMD202601010003，在人民医院');

    expect(result.values).toEqual({
      place: '人民医院',
      policy_no: 'AXMD202601010003',
      incident_at: '20261124',
    });
  });

  it.each(['不是JSON', '{"slots": ["人民医院"]}', '{"slots": {"place": "人民医院"'])(
    'reads nothing from a malformed reply: %s',
    async (reply) => {
      const { result } = await extract(reply, '在人民医院');
      expect(result.values).toEqual({});
    },
  );
});
