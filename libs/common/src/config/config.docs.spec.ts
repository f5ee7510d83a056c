import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from './config.schema';

const ROOT = join(__dirname, '..', '..', '..', '..');

describe('configuration docs', () => {
  const variables = Object.keys(envSchema.shape);

  it('README has a table row for every variable the config reads', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(variables.filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
  });

  it('.env.example mentions every variable', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    expect(variables.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))).toEqual([]);
  });
});
