/**
 * Header-injection-safe text for emails. Every value that reaches a header (subject, display names) goes through
 * `headerText`; addresses must pass `isDeliverableAddress`. Pure functions, no I/O.
 */

/** Longest display name put in a From/To header; longer names are shortened with an ellipsis. */
export const MAX_DISPLAY_NAME_LENGTH = 100;
/** Longest subject line. */
export const MAX_SUBJECT_LENGTH = 200;

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: none may reach a header.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line of text: every control character or line break becomes a space, runs of spaces collapse, at most `max` characters. */
export function headerText(value: string | null | undefined, max: number): string {
  const flat = String(value ?? '')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const chars = Array.from(flat);
  return chars.length <= max
    ? flat
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}

/** True when the value holds a line break or another control character (a header-injection attempt). */
export function hasControlCharacters(value: string): boolean {
  return new RegExp(CONTROL.source).test(value);
}

/**
 * A single mailbox `local@domain` that is safe to put in an envelope and a header: no spaces, controls, quotes,
 * angle brackets, commas or semicolons (which would add recipients), one `@`, a dotted domain, ≤ 254 characters.
 */
export function isDeliverableAddress(value: string): boolean {
  if (typeof value !== 'string' || value.length > 254 || value.length < 3) return false;
  if (hasControlCharacters(value)) return false;
  return /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(value);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML body: every markup character escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A link into the web app: the base URL without a trailing slash, the path, and query values URL-encoded. */
export function appLink(baseUrl: string, path: string, query: Record<string, string> = {}): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.toString();
}
