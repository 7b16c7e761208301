import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@hireloop/config';
import { AppError } from '@hireloop/core';

/**
 * Browser sessions: the access token travels in an httpOnly cookie the page's scripts cannot read, set by the API at
 * sign-in. Because a browser attaches that cookie to requests that other pages start, every unsafe request that
 * authenticates with it must also carry `X-CSRF-Token`: the value of the readable `hireloop_csrf` cookie, which only
 * pages of our own origin can read (signed double-submit: the token is an HMAC of the session token under a key
 * derived from JWT_SECRET, so a cookie planted by another site or subdomain is worthless without the session it was
 * made for). A bearer token in `Authorization` never needs it: other sites cannot make a browser send that header.
 */
export const SESSION_COOKIE = 'hireloop_session';
export const CSRF_COOKIE = 'hireloop_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type SessionCredential = { token: string; source: 'bearer' | 'cookie' };

/** The request's credential: an `Authorization: Bearer` header wins; otherwise the session cookie. */
export function sessionCredential(
  request: Pick<FastifyRequest, 'headers'> & { cookies?: Record<string, string | undefined> },
): SessionCredential | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(String(request.headers.authorization ?? ''));
  if (bearer) return { token: bearer[1], source: 'bearer' };
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, source: 'cookie' } : null;
}

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function csrfKey(jwtSecret: string): Buffer {
  return createHmac('sha256', jwtSecret).update('hireloop csrf token v1').digest();
}

/** The CSRF token that belongs to one session token. */
export function csrfTokenFor(jwtSecret: string, sessionToken: string): string {
  return createHmac('sha256', csrfKey(jwtSecret)).update(sessionToken).digest('base64url');
}

export function csrfTokenMatches(jwtSecret: string, sessionToken: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const expected = Buffer.from(csrfTokenFor(jwtSecret, sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A browser sends the session cookie whoever started the request: an unsafe one must prove it came from our pages. */
export function assertCsrfToken(request: FastifyRequest & { cookies?: Record<string, string | undefined> }, jwtSecret: string): void {
  const credential = sessionCredential(request);
  if (credential?.source !== 'cookie' || !isUnsafeMethod(request.method)) return;
  if (!csrfTokenMatches(jwtSecret, credential.token, request.headers[CSRF_HEADER])) {
    throw AppError.forbidden(
      'csrf_token_invalid',
      `A request authenticated by the session cookie must send the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie.`,
    );
  }
}

/** Secure cookies whenever the page came over https (as the trusted proxy says) and always in production. */
function secure(request: FastifyRequest, config: Pick<AppConfig, 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'production' || request.protocol === 'https';
}

/** Starts the browser session of a freshly issued access token (the cookies live as long as the token). */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Pick<AppConfig, 'NODE_ENV' | 'JWT_SECRET' | 'JWT_EXPIRES_IN_SECONDS'>,
  accessToken: string,
): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: secure(request, config), maxAge: config.JWT_EXPIRES_IN_SECONDS };
  void reply.setCookie(SESSION_COOKIE, accessToken, { ...common, httpOnly: true });
  void reply.setCookie(CSRF_COOKIE, csrfTokenFor(config.JWT_SECRET, accessToken), { ...common, httpOnly: false });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply, config: Pick<AppConfig, 'NODE_ENV'>): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: secure(request, config) };
  void reply.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  void reply.clearCookie(CSRF_COOKIE, { ...common, httpOnly: false });
}

/**
 * The browser that signed up: a random value (a one-time token, `newOneTimeToken`) in an httpOnly cookie, sent only to
 * POST /v1/auth/verify-email, whose SHA-256 (`hashOneTimeToken`) the sign-up's verification keeps. The mailed link completes the sign-up in that browser; anywhere else it
 * also takes the sign-up's password (AuthService.verifyEmail).
 */
export const SIGNUP_COOKIE = 'hireloop_signup';
const SIGNUP_COOKIE_PATH = '/v1/auth/verify-email';

export function signupBrowserKeyOf(request: { cookies?: Record<string, string | undefined> }): string | undefined {
  const key = request.cookies?.[SIGNUP_COOKIE];
  return key && /^[A-Za-z0-9_-]{43}$/.test(key) ? key : undefined;
}

function signupCookieOptions(request: FastifyRequest, config: Pick<AppConfig, 'NODE_ENV'>) {
  return { path: SIGNUP_COOKIE_PATH, sameSite: 'lax' as const, secure: secure(request, config), httpOnly: true };
}

export function setSignupCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Pick<AppConfig, 'NODE_ENV'>,
  key: string,
  maxAgeSeconds: number,
): void {
  void reply.setCookie(SIGNUP_COOKIE, key, { ...signupCookieOptions(request, config), maxAge: maxAgeSeconds });
}

export function clearSignupCookie(request: FastifyRequest, reply: FastifyReply, config: Pick<AppConfig, 'NODE_ENV'>): void {
  void reply.clearCookie(SIGNUP_COOKIE, signupCookieOptions(request, config));
}
