import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { vector } from '@electric-sql/pglite-pgvector';
import type { DatabaseConfig } from '@anxin/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ChannelIdentityEntity } from './entities/channel-identity.entity';
import { ConversationEntity } from './entities/conversation.entity';
import { CustomerEntity } from './entities/customer.entity';
import { MessageEntity } from './entities/message.entity';
import { InitConversationCore1764057600000 } from './migrations/1764057600000-init-conversation-core.migration';
import { KnowledgeEmbedding1764144000000 } from './migrations/1764144000000-knowledge-embedding.migration';
import { DemoInsuranceCore1764230400000 } from './migrations/1764230400000-demo-insurance-core.migration';
import { StaffAccounts1764316800000 } from './migrations/1764316800000-staff-accounts.migration';
import { QualityScores1764403200000 } from './migrations/1764403200000-quality-scores.migration';
import { QualityReviewsCsat1764489600000 } from './migrations/1764489600000-quality-reviews-csat.migration';
import { QaScorePeriodIndex1764576000000 } from './migrations/1764576000000-qa-score-period-index.migration';
import { HumanHandoff1764748800000 } from './migrations/1764748800000-human-handoff.migration';

export const ENTITIES = [CustomerEntity, ChannelIdentityEntity, ConversationEntity, MessageEntity];
export const MIGRATIONS = [
  InitConversationCore1764057600000,
  KnowledgeEmbedding1764144000000,
  DemoInsuranceCore1764230400000,
  StaffAccounts1764316800000,
  QualityScores1764403200000,
  QualityReviewsCsat1764489600000,
  QaScorePeriodIndex1764576000000,
  HumanHandoff1764748800000,
];

export interface OpenDatabaseOptions {
  /** Embedded only: start an in-memory database from a dumped data dir (fast test setup). */
  readonly seed?: Blob;
  /** Run pending migrations after connecting (default true). */
  readonly migrate?: boolean;
}

/**
 * One PostgreSQL dialect, two homes: PGlite in-process (the embedded default, through PGlite's
 * node-postgres adapter so TypeORM uses the real `pg` driver) or a PostgreSQL 15+ server.
 * The same hand-written migrations run on both; `synchronize` is never used.
 */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseConfig['kind'],
    private readonly pglite: PGlite | undefined,
  ) {}

  static async open(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Promise<Database> {
    const common = {
      type: 'postgres',
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsTransactionMode: 'each',
      installExtensions: false,
      synchronize: false,
      logging: false,
    } as const;
    let pglite: PGlite | undefined;
    let options_: DataSourceOptions;
    if (config.kind === 'server') {
      options_ = { ...common, url: config.url, poolSize: 10, extra: { application_name: 'anxin' } };
    } else {
      pglite = await PGlite.create({
        dataDir: config.dataDir ?? undefined,
        loadDataDir: options.seed,
        extensions: { vector },
      });
      options_ = { ...common, poolSize: 1, extra: { connection: createPgConfig(pglite).connection, max: 1 } };
    }
    const dataSource = new DataSource(options_);
    try {
      await dataSource.initialize();
      if (options.migrate ?? true) await dataSource.runMigrations();
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy();
      await pglite?.close();
      throw error;
    }
    return new Database(dataSource, config.kind, pglite);
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Dumps an embedded database (for test snapshots). */
  async dump(): Promise<Blob> {
    if (!this.pglite) throw new Error('dump() is for the embedded database only');
    return this.pglite.dumpDataDir('gzip');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.pglite && !this.pglite.closed) await this.pglite.close();
  }
}
