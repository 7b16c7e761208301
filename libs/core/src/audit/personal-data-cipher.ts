import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM envelope encryption for personal data that must outlive nothing but its key (crypto-shredding).
 * A sealed value is `version (1 byte) | iv (12) | tag (16) | ciphertext`; the additional authenticated data binds it to
 * its place (e.g. organization and candidate), so a sealed value copied elsewhere does not open.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** The 32-byte master key from its configured text (base64 or hex). */
export function parseMasterKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== DATA_KEY_BYTES) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes (base64 or hex)');
  return key;
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Throws when the key is wrong or the value was altered (GCM authentication). */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error('not a sealed value');
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export function sealJson(key: Buffer, value: unknown, aad: string): Buffer {
  return seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);
}

export function openJson<T>(key: Buffer, sealed: Buffer, aad: string): T {
  return JSON.parse(open(key, sealed, aad).toString('utf8')) as T;
}

/** Splits an audit state into what stays readable and the personal fields to seal. */
export function splitFields(value: unknown, fields: readonly string[]): { clear: unknown; personal: Record<string, unknown> | null } {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return { clear: value, personal: null };
  const clear: Record<string, unknown> = {};
  const personal: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (fields.includes(k)) personal[k] = v;
    else clear[k] = v;
  }
  return { clear, personal: Object.keys(personal).length > 0 ? personal : null };
}
