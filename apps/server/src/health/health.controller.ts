import { AppConfig } from '@anxin/common';
import { KnowledgeService } from '@anxin/knowledge';
import { Database } from '@anxin/persistence';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly version: string;
  readonly database: { readonly kind: 'embedded' | 'server'; readonly reachable: boolean };
  readonly knowledge: { readonly loaded: boolean; readonly scripts: number };
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Database) private readonly database: Database,
    @Inject(KnowledgeService) private readonly knowledge: KnowledgeService,
  ) {}

  /** 200 when the database answers and the knowledge base is loaded; 503 otherwise. */
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const reachable = await this.database.ping();
    const scripts = this.knowledge.current.scripts.length;
    const ok = reachable && scripts > 0;
    response.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      version: this.config.version,
      database: { kind: this.database.kind, reachable },
      knowledge: { loaded: scripts > 0, scripts },
    };
  }
}
