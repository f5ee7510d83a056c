import { maskValue, type PiiMatch, type PiiPatterns } from '@anxin/knowledge';
import { globalCopy } from './text.util';

interface CompiledPattern {
  readonly kind: string;
  readonly title: string;
  readonly regex: RegExp;
  readonly validate: (value: string) => boolean;
  readonly keepStart: number;
  readonly keepEnd: number;
  readonly maskFailedChecksum: boolean;
}

/**
 * PiiPatterns (lexicon/pii-patterns.yaml) with its regexes compiled once, for scoring many turns fast.
 * Same rules as PiiPatterns: kinds in file order win overlaps; find() keeps matches passing their
 * validator; maskable() adds failed-checksum matches of kinds that mask them too.
 */
export class PiiScanner {
  private readonly patterns: readonly CompiledPattern[];

  constructor(pii: PiiPatterns) {
    this.patterns = pii.patterns.map((p) => ({
      kind: p.kind,
      title: p.title,
      regex: globalCopy(p.regex),
      validate: (value: string) => p.validate(value),
      keepStart: p.keepStart,
      keepEnd: p.keepEnd,
      maskFailedChecksum: p.maskFailedChecksum,
    }));
  }

  title(kind: string): string {
    return this.patterns.find((p) => p.kind === kind)?.title ?? kind;
  }

  find(text: string, kinds?: readonly string[]): PiiMatch[] {
    return this.scan(text, (p, valid) => valid && (!kinds || kinds.includes(p.kind)));
  }

  maskable(text: string): PiiMatch[] {
    return this.scan(text, (p, valid) => valid || p.maskFailedChecksum);
  }

  mask(text: string): string {
    let out = '';
    let at = 0;
    for (const match of this.maskable(text)) {
      const p = this.patterns.find((pattern) => pattern.kind === match.kind) as CompiledPattern;
      out += text.slice(at, match.index) + maskValue(match.value, p.keepStart, p.keepEnd);
      at = match.index + match.value.length;
    }
    return out + text.slice(at);
  }

  private scan(text: string, keep: (p: CompiledPattern, valid: boolean) => boolean): PiiMatch[] {
    const accepted: PiiMatch[] = [];
    for (const p of this.patterns) {
      p.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = p.regex.exec(text)) !== null) {
        if (m[0] === '') {
          p.regex.lastIndex++;
          continue;
        }
        const valid = p.validate(m[0]);
        if (!keep(p, valid)) continue;
        const start = m.index;
        const end = start + m[0].length;
        if (!accepted.some((a) => start < a.index + a.value.length && a.index < end))
          accepted.push({ kind: p.kind, value: m[0], index: start, valid });
      }
    }
    return accepted.sort((a, b) => a.index - b.index);
  }
}
