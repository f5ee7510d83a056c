import type { DataSource } from 'typeorm';
import { EmbeddingStore } from './embedding.ports';

/**
 * knowledge_embedding on PostgreSQL: a pgvector `vector` column where the extension exists
 * (PGlite), a `real[]` elsewhere. Both read back as text ("[1,2]" or "{1,2}") and parse alike.
 */
export class PostgresEmbeddingStore extends EmbeddingStore {
  private columnType: Promise<'vector' | 'array'> | null = null;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async find(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    if (hashes.length === 0) return found;
    const rows = (await this.dataSource.query(
      `SELECT content_hash, embedding::text AS embedding FROM knowledge_embedding
        WHERE model = $1 AND content_hash = ANY($2::char(64)[])`,
      [model, hashes],
    )) as { content_hash: string; embedding: string }[];
    for (const row of rows) found.set(row.content_hash, parseVector(row.embedding));
    return found;
  }

  async save(model: string, entries: readonly { hash: string; vector: Float32Array }[]): Promise<void> {
    if (entries.length === 0) return;
    const type = await this.type();
    const values: unknown[] = [model];
    const rows = entries.map(({ hash, vector }, i) => {
      const list = Array.from(vector).join(',');
      values.push(hash, vector.length, type === 'vector' ? `[${list}]` : `{${list}}`);
      const at = 2 + i * 3;
      return `($1, $${at}, $${at + 1}, $${at + 2}::${type === 'vector' ? 'vector' : 'real[]'})`;
    });
    await this.dataSource.query(
      `INSERT INTO knowledge_embedding (model, content_hash, dimensions, embedding) VALUES ${rows.join(', ')}
       ON CONFLICT (model, content_hash) DO NOTHING`,
      values,
    );
  }

  private type(): Promise<'vector' | 'array'> {
    this.columnType ??= (
      this.dataSource.query(
        `SELECT udt_name FROM information_schema.columns
          WHERE table_name = 'knowledge_embedding' AND column_name = 'embedding'`,
      ) as Promise<{ udt_name: string }[]>
    ).then((rows) => (rows[0]?.udt_name === 'vector' ? 'vector' : 'array'));
    return this.columnType;
  }
}

function parseVector(text: string): Float32Array {
  const inner = text.trim().slice(1, -1);
  return inner === '' ? new Float32Array(0) : Float32Array.from(inner.split(','), Number);
}
