import { AppConfig, Clock, LOGGER, type Logger } from '@anxin/common';
import { Responder } from '@anxin/conversation';
import { KnowledgeService } from '@anxin/knowledge';
import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgentResponder } from './agent.responder';
import { FlowDefinitions } from './flows/flow-definition.loader';
import { LlmSlotExtractor } from './flows/llm-slot.extractor';
import { FlowEngine } from './flows/flow.engine';
import { DemoInsuranceCore } from './insurance/demo-insurance-core.adapter';
import { InsuranceCore } from './insurance/insurance-core.port';
import { ChatModel } from './llm/chat-model.port';
import { LlmAgent } from './llm/llm-agent.engine';
import { OpenAiChatModel } from './llm/openai-chat.model';
import { DEFAULT_RESILIENCE, ResilientChatModel } from './llm/resilient-chat.model';
import { OfflineResponder } from './offline/offline-responder.engine';
import { PromptLibrary } from './prompts';
import { InsuranceTools } from './tools/insurance-tools';

/** Content the agent reads from disk, validated before the container is built (like the knowledge base). */
export interface AgentContent {
  readonly flows: FlowDefinitions;
  readonly prompts: PromptLibrary;
}

/** Loads and validates knowledge/flows/ and prompts/; throws naming file, line and field. */
export async function loadAgentContent(config: AppConfig): Promise<AgentContent> {
  const [flows, prompts] = await Promise.all([
    FlowDefinitions.load(config.knowledgeDir),
    PromptLibrary.load(config.promptsDir),
  ]);
  return { flows, prompts };
}

/** Compliance lexicons every generated bot message is checked against. */
const OUTBOUND_LEXICONS = [
  'misleading-promotion',
  'claim-prejudgement',
  'forbidden-phrases',
  'secret-requests',
] as const;

/**
 * Provides the Responder port: the agent (guards, handoff cues, guided flows, LLM or offline
 * answers) over the insurer's systems (the demo adapter on our own tables) and, when LLM_* is
 * configured, an OpenAI-compatible chat model behind retry and a circuit breaker.
 */
@Module({})
export class AgentModule {
  static forRoot(content: AgentContent): DynamicModule {
    return {
      module: AgentModule,
      // Global: the quality lib's LLM judge uses the same model and prompt library.
      global: true,
      providers: [
        { provide: PromptLibrary, useValue: content.prompts },
        {
          provide: InsuranceCore,
          inject: [DataSource, Clock],
          useFactory: (dataSource: DataSource, clock: Clock) => new DemoInsuranceCore(dataSource, clock),
        },
        {
          provide: ChatModel,
          inject: [AppConfig, Clock],
          useFactory: (config: AppConfig, clock: Clock) =>
            config.llm
              ? new ResilientChatModel(new OpenAiChatModel(config.llm), clock, {
                  ...DEFAULT_RESILIENCE,
                  cooldownMs: config.llm.breakerCooldownMs,
                })
              : null,
        },
        {
          provide: Responder,
          inject: [KnowledgeService, AppConfig, InsuranceCore, ChatModel, Clock, LOGGER],
          useFactory: (
            knowledge: KnowledgeService,
            config: AppConfig,
            core: InsuranceCore,
            model: ResilientChatModel | null,
            clock: Clock,
            logger: Logger,
          ) => {
            const rules = knowledge.current.rules;
            const offline = new OfflineResponder(knowledge, {
              answerMinConfidence: config.retrieval.answerMinConfidence,
              suggestMinConfidence: config.retrieval.suggestMinConfidence,
            });
            const flows = new FlowEngine(content.flows, core, rules.replyCues, rules.pii);
            const llm =
              model && config.llm
                ? {
                    model,
                    stream: config.llm.stream,
                    slots: new LlmSlotExtractor(model, content.prompts, config.llm.jsonMode),
                    agent: new LlmAgent(
                      model,
                      content.prompts,
                      new InsuranceTools(core, rules.pii),
                      OUTBOUND_LEXICONS.map((key) => rules.phraseLexicon(key)),
                      { toolMode: config.llm.toolMode, jsonMode: config.llm.jsonMode, maxToolRounds: 3 },
                    ),
                  }
                : null;
            return new AgentResponder({ knowledge, offline, flows, llm, clock, logger });
          },
        },
      ],
      exports: [Responder, InsuranceCore, ChatModel, PromptLibrary],
    };
  }
}
