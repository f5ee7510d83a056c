import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { KnowledgeException } from './knowledge.exception';
import { KnowledgeService, type ReloadResult } from './knowledge.service';
import { STAGES, type Script } from './knowledge.types';

const listQuery = z.strictObject({
  stage: z.enum(STAGES).optional(),
  source: z.string().max(64).optional(),
});
const searchQuery = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  k: z.coerce.number().int().min(1).max(20).default(5),
});

export interface ScriptSummary {
  id: string;
  source: string;
  stage: string;
  version: number;
  title: string;
}

/**
 * Read-only knowledge API for operators and the consoles, plus reload after editing or
 * importing files. (Role checks arrive with the console users of the QA issue.)
 */
@Controller('api/knowledge')
export class KnowledgeController {
  constructor(@Inject(KnowledgeService) private readonly knowledge: KnowledgeService) {}

  @Get('scripts')
  list(@Query() query: unknown): ScriptSummary[] {
    const { stage, source } = parse(listQuery, query);
    return this.knowledge.current.scripts
      .filter((s) => (!stage || s.stage === stage) && (!source || s.source === source))
      .map(({ id, source: from, stage: at, version, title }) => ({
        id,
        source: from,
        stage: at,
        version,
        title,
      }));
  }

  @Get('scripts/:id')
  get(@Param('id') id: string): Script {
    const script = this.knowledge.current.getScript(id);
    if (!script) throw new KnowledgeException('KNOWLEDGE.SCRIPT_NOT_FOUND', `No script "${id}"`);
    return script;
  }

  @Get('search')
  async search(@Query() query: unknown): Promise<unknown[]> {
    const { q, k } = parse(searchQuery, query);
    const hits = await this.knowledge.search(q, k);
    return hits.map((hit) => ({
      scriptId: hit.script.id,
      version: hit.script.version,
      stage: hit.script.stage,
      source: hit.script.source,
      title: hit.script.title,
      score: hit.score,
      confidence: hit.confidence,
      matchedQuestion: hit.matchedQuestion,
    }));
  }

  @Post('reload')
  @HttpCode(200)
  async reload(@Body() _body: unknown): Promise<ReloadResult> {
    try {
      return await this.knowledge.reload();
    } catch (error) {
      if (error instanceof KnowledgeException && error.code === 'KNOWLEDGE.INVALID_CONTENT')
        throw new KnowledgeException(
          'KNOWLEDGE.RELOAD_REJECTED',
          'Knowledge not reloaded: the folder has invalid content; still serving the previous version',
          error.problems,
        );
      throw error;
    }
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`);
  throw new KnowledgeException('KNOWLEDGE.INVALID_QUERY', `Invalid query: ${problems.join('; ')}`, problems);
}
