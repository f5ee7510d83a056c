import { z } from 'zod';
import { STAGES } from '../knowledge.types';
import { mustBe, nonEmptyText } from '../loading/script.schema';

/** Folder name of an imported source under knowledge/sources/; also the prefix of its entry ids. */
export const SOURCE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const SOURCE_MANIFEST_FILE = 'source.yaml';
export const SOURCE_ENTRIES_FILE = 'entries.jsonl';

/** knowledge/sources/<name>/source.yaml, written by `kb import`, reviewed like any other file. */
export const sourceManifestSchema = z.strictObject(
  {
    name: z.string(mustBe('a string')).regex(SOURCE_NAME, 'must be kebab-case like "legacy-faq"'),
    title: nonEmptyText.optional(),
    stage: z.enum(STAGES, mustBe(`one of ${STAGES.join('|')}`)),
    version: z
      .number(mustBe('a positive integer'))
      .int('must be a positive integer')
      .positive('must be a positive integer'),
    importedAt: z.iso.datetime({ message: 'must be an ISO timestamp like 2026-11-25T08:00:00.000Z' }),
    origin: z.strictObject(
      {
        file: nonEmptyText,
        format: z.enum(['jsonl', 'csv'], mustBe('jsonl or csv')),
        sha256: z.string(mustBe('a string')).regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest'),
      },
      mustBe('a map with file, format and sha256'),
    ),
    entries: z.number(mustBe('a count')).int('must be a count').nonnegative('must be a count'),
  },
  mustBe('a YAML map of fields'),
);

export type SourceManifest = z.output<typeof sourceManifestSchema>;
