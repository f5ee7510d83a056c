import { maskValue, type PiiMatch, type PiiPatterns } from '@anxin/knowledge';

/**
 * Keeps customer PII out of everything that leaves the process (LLM requests, logs): `mask`
 * swaps each ID card, mobile, bank card or policy number (pii-patterns.yaml) for a numbered
 * placeholder like 「[保单号1]」 (the same value always gets the same one), and remembers the
 * value so a tool call naming the placeholder can be given the real value (`restore`). Text for
 * the customer gets the partially masked form instead (`reveal`).
 */
export class PiiVault {
  private readonly valueOf = new Map<string, { kind: string; value: string }>();
  private readonly placeholderOf = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly patterns: PiiPatterns,
    private readonly labels: Readonly<Record<string, string>> = DEFAULT_LABELS,
  ) {}

  mask(text: string): string {
    let out = '';
    let at = 0;
    for (const span of this.patterns.maskable(text)) {
      out += text.slice(at, span.index) + this.placeholderFor(span);
      at = span.index + span.value.length;
    }
    return out + text.slice(at);
  }

  /** Placeholders back to the real values (tool arguments only; never prompts or logs). */
  restore(text: string): string {
    return text.replace(
      PLACEHOLDER,
      (placeholder: string) => this.valueOf.get(placeholder)?.value ?? placeholder,
    );
  }

  /** Placeholders to the partially masked values the customer may see (e.g. AXCI********1234). */
  reveal(text: string): string {
    return text.replace(PLACEHOLDER, (placeholder: string) => {
      const known = this.valueOf.get(placeholder);
      const pattern = known && this.patterns.get(known.kind);
      return known && pattern ? maskValue(known.value, pattern.keepStart, pattern.keepEnd) : placeholder;
    });
  }

  /** True when the text still holds an unmasked value of any kind. */
  leaks(text: string): boolean {
    return this.patterns.maskable(text).length > 0;
  }

  private placeholderFor(span: PiiMatch): string {
    const known = this.placeholderOf.get(`${span.kind}:${span.value}`);
    if (known) return known;
    const n = (this.counters.get(span.kind) ?? 0) + 1;
    this.counters.set(span.kind, n);
    const placeholder = `[${this.labels[span.kind] ?? span.kind}${n}]`;
    this.placeholderOf.set(`${span.kind}:${span.value}`, placeholder);
    this.valueOf.set(placeholder, { kind: span.kind, value: span.value });
    return placeholder;
  }
}

/** Short labels the model sees; kinds not listed use their kind name. */
const DEFAULT_LABELS: Readonly<Record<string, string>> = {
  id_card: '身份证号',
  mobile: '手机号',
  bank_card: '银行卡号',
  policy_no: '保单号',
};

const PLACEHOLDER = /\[[^\s[\]]{1,20}?\d{1,3}\]/gu;
