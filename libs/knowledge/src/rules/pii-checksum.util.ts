/**
 * Check-digit validators named by lexicon/pii-patterns.yaml (`validator: gb11643 | luhn | none`).
 * Inputs may carry spaces or dashes between digit groups ("6222 0212 3456 7890"); they are ignored.
 */

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const GB11643_CHECK_CHARS = '10X98765432';

/** The check character (0-9 or X) that GB 11643-1999 (ISO 7064 MOD 11-2) assigns to 17 body digits. */
export function gb11643CheckChar(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new RangeError('a GB 11643 body is exactly 17 digits');
  const sum = GB11643_WEIGHTS.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
  return GB11643_CHECK_CHARS[sum % 11];
}

/**
 * A mainland resident ID number (公民身份号码, GB 11643-1999): 6-digit region code not starting with 0,
 * a real birth date YYYYMMDD, 3-digit sequence, and the MOD 11-2 check character (X or x for 10).
 */
export function isValidGb11643(value: string): boolean {
  const id = stripSeparators(value).toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  if (!isRealDate(id.slice(6, 14))) return false;
  return gb11643CheckChar(id.slice(0, 17)) === id[17];
}

/** Luhn (ISO/IEC 7812-1 mod 10) over a digit string, as printed on bank cards (银行卡号). */
export function isValidLuhn(value: string): boolean {
  const digits = stripSeparators(value);
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function stripSeparators(value: string): string {
  return value.replace(/[\s-]/g, '');
}

function isRealDate(yyyymmdd: string): boolean {
  const date = new Date(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10).replace(/-/g, '') === yyyymmdd;
}
