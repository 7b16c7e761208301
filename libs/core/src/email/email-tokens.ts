import { hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@hireloop/config';
import { open, parseMasterKey, seal } from '../audit/personal-data-cipher';

/**
 * One-time tokens (invitation, verification, password reset, self-identification) wait in `email_deliveries.params`
 * from the request until the worker has sent the mail. They are stored sealed (AES-256-GCM under a key derived from
 * DATA_ENCRYPTION_KEY), so reading the database in that window does not hand out usable links. The sealed value is
 * bound to its template and recipient: copied onto another delivery it does not open.
 */
export interface EmailTokenPlace {
  template: string;
  /** Normalized (trimmed, lower case), as stored. */
  recipientEmail: string;
}

const SEALED_FIELD = 'sealedToken';

export function emailTokenKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'hireloop email tokens v1', 32));
}

const placeOf = (place: EmailTokenPlace) => `email-token:${place.template}:${place.recipientEmail}`;

/** The params to store: `token` replaced by its sealed form. */
export function sealEmailToken(key: Buffer, params: Record<string, unknown>, token: string, place: EmailTokenPlace): Record<string, unknown> {
  const { token: _plain, ...rest } = params;
  return { ...rest, [SEALED_FIELD]: seal(key, Buffer.from(token, 'utf8'), placeOf(place)).toString('base64') };
}

/**
 * The params to render: a sealed token opened back into `token`. Params without one (no token, or stored before
 * tokens were sealed) pass unchanged. Throws when the key is not the one that sealed it or the value was altered.
 */
export function openEmailToken(key: Buffer, params: Record<string, unknown>, place: EmailTokenPlace): Record<string, unknown> {
  const sealed = params[SEALED_FIELD];
  if (sealed === undefined) return params;
  if (typeof sealed !== 'string') throw new Error('the sealed token is not a string');
  const { [SEALED_FIELD]: _sealed, ...rest } = params;
  let token: string;
  try {
    token = open(key, Buffer.from(sealed, 'base64'), placeOf(place)).toString('utf8');
  } catch {
    throw new Error('the sealed token does not open with this DATA_ENCRYPTION_KEY (rotated?) or was altered');
  }
  return { ...rest, token };
}

/** `sealEmailToken` / `openEmailToken` with the service's key. */
@Injectable()
export class EmailTokens {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = emailTokenKey(parseMasterKey(config.DATA_ENCRYPTION_KEY));
  }

  seal(params: Record<string, unknown>, token: string, place: EmailTokenPlace): Record<string, unknown> {
    return sealEmailToken(this.key, params, token, place);
  }

  open(params: Record<string, unknown>, place: EmailTokenPlace): Record<string, unknown> {
    return openEmailToken(this.key, params, place);
  }
}
