/**
 * Masks customer PII in free text: mainland ID card numbers, mobile numbers, bank card numbers
 * and 安心保险 policy numbers (AX + two-letter line code + 12 digits, e.g. AXCI202600001234).
 * Used by the logger on every line; the agent lib masks text the same way before an LLM sees it.
 * Digits are masked only as whole runs, so amounts and dates inside a sentence survive.
 */
interface PiiRule {
  readonly kind: 'id_card' | 'bank_card' | 'mobile' | 'policy_no';
  readonly pattern: RegExp;
  readonly keepStart: number;
  readonly keepEnd: number;
}

const PII_RULES: readonly PiiRule[] = [
  { kind: 'policy_no', pattern: /\bAX[A-Z]{2}\d{12}\b/g, keepStart: 4, keepEnd: 4 },
  { kind: 'id_card', pattern: /(?<!\d)\d{17}[\dXx](?![\dXx])/g, keepStart: 4, keepEnd: 4 },
  { kind: 'bank_card', pattern: /(?<!\d)\d{16,19}(?!\d)/g, keepStart: 4, keepEnd: 4 },
  { kind: 'mobile', pattern: /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g, keepStart: 3, keepEnd: 4 },
];

function maskMatch(match: string, keepStart: number, keepEnd: number): string {
  return (
    match.slice(0, keepStart) +
    '*'.repeat(Math.max(match.length - keepStart - keepEnd, 4)) +
    match.slice(-keepEnd)
  );
}

export function maskPii(text: string): string {
  let out = text;
  for (const rule of PII_RULES) {
    out = out.replace(rule.pattern, (m) => maskMatch(m, rule.keepStart, rule.keepEnd));
  }
  return out;
}

/** Deep-masks every string inside a log payload (objects, arrays); other values pass through. */
export function maskPiiDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[depth limit]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      message: maskPii(value.message),
      stack: value.stack && maskPii(value.stack),
      code,
    };
  }
  if (Array.isArray(value)) return value.map((v) => maskPiiDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPiiDeep(v, depth + 1)]));
}
