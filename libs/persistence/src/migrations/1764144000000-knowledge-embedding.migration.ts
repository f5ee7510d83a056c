import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored script embeddings, keyed by (model, hash of the embedded text) so unchanged scripts are
 * never embedded twice. Where the pgvector extension is available (PGlite ships it) the column is
 * `vector`; otherwise (PostgreSQL 15 on Debian 12 has no package) a plain `real[]`. The search
 * index itself lives in memory, so both serve the same.
 */
export class KnowledgeEmbedding1764144000000 implements MigrationInterface {
  name = 'KnowledgeEmbedding1764144000000';

  async up(db: QueryRunner): Promise<void> {
    const available = (await db.query(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`,
    )) as unknown[];
    if (available.length > 0) await db.query('CREATE EXTENSION IF NOT EXISTS vector');
    await db.query(`
      CREATE TABLE knowledge_embedding (
        model varchar(200) NOT NULL,
        content_hash char(64) NOT NULL,
        dimensions integer NOT NULL CHECK (dimensions > 0),
        embedding ${available.length > 0 ? 'vector' : 'real[]'} NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (model, content_hash)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE knowledge_embedding');
  }
}
