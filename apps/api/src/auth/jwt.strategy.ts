import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '@hireloop/config';
import { AuthContext, isUuid } from '@hireloop/core';
import { enterOrganization } from '@hireloop/database';
import { AuthService } from './auth.service';
import { sessionCredential } from './session-cookie';

export interface JwtPayload {
  sub: string;
  org: string;
  mid: string;
  /** The token's id (absent from tokens issued before sign-out existed): sign-out revokes it. */
  jti?: string;
  /** When it was issued, in whole seconds (jsonwebtoken sets it). */
  iat?: number;
  /** When it was issued, in milliseconds of the API's clock: a password reset ends the sessions issued before it. */
  iat_ms?: number;
}

/** Verifies the access token (bearer header, or the browser's session cookie), then checks the membership (AuthService.resolveAuthContext) so that deactivation, role changes and sign-out apply at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      // The CSRF check for cookie-borne tokens is JwtAuthGuard's, before this runs.
      jwtFromRequest: (request: Parameters<typeof sessionCredential>[0]) => sessionCredential(request)?.token ?? null,
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as a public key
      // on every request, which cost about 0.6 ms of CPU per authenticated request.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: JwtPayload): Promise<AuthContext | false> {
    if (!payload?.sub || !payload.org || !payload.mid || !isUuid(payload.org) || (payload.jti !== undefined && !isUuid(payload.jti))) return false;
    // The token is verified: from here on, this request's statements see only its organization's rows.
    enterOrganization(payload.org);
    return (await this.auth.resolveAuthContext(payload.sub, payload.org, payload.mid, payload.jti, issuedAt(payload))) ?? false;
  }
}

/** When the token was issued: its milliseconds claim, else (tokens issued before it existed) its whole second. */
export function issuedAt(payload: Pick<JwtPayload, 'iat' | 'iat_ms'>): Date {
  if (typeof payload.iat_ms === 'number' && Number.isFinite(payload.iat_ms)) return new Date(payload.iat_ms);
  return new Date(typeof payload.iat === 'number' && Number.isFinite(payload.iat) ? payload.iat * 1000 : 0);
}
