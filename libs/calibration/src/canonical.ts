import { createHash } from 'node:crypto';

export type CanonicalValue = null | boolean | number | string | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue | undefined };

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit (locale-independent), no whitespace,
 * `undefined` members dropped, arrays kept in the order given (callers sort them first),
 * numbers in JavaScript's shortest round-trip form, -0 written as 0. Non-finite numbers are rejected.
 */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('canonicalJson: non-finite number');
      return value === 0 ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${(value as readonly CanonicalValue[]).map(canonicalJson).join(',')}]`;
  }
  const obj = value as { readonly [key: string]: CanonicalValue | undefined };
  const keys = Object.keys(obj).sort(compareCodeUnits);
  const parts: string[] = [];
  for (const key of keys) {
    const member = obj[key];
    if (member === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${parts.join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Locale-independent string order (UTF-16 code units), the order used for every sort in this library. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
