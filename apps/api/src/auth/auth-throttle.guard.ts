import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthAction, AuthRateLimitService } from './auth-rate-limit.service';

const AUTH_ACTION = 'hireloop:auth-throttle';
/** Actions whose request names its account by a one-time token (counted per token) rather than an email. */
const TOKEN_ACTIONS: ReadonlySet<AuthAction> = new Set(['accept-invite', 'verify-email', 'password-reset-confirm', 'email-change-confirm']);
/** Actions of a signed-in member (counted per account, so a stolen session cannot guess the current password at leisure). */
const SIGNED_IN_ACTIONS: ReadonlySet<AuthAction> = new Set(['change-password', 'change-email']);

/** Marks a route as a sign-in style action counted by AuthThrottleGuard. */
export const AuthThrottle = (action: AuthAction) => SetMetadata(AUTH_ACTION, action);

/**
 * Counts the request before anything else runs (before the password hash): per account named in the body (email, or
 * the invite token) and per client address (`req.ip`: the socket address unless TRUST_PROXY names the proxy).
 */
@Injectable()
export class AuthThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: AuthRateLimitService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<AuthAction | undefined>(AUTH_ACTION, context.getHandler());
    if (!action) return true;
    const req = context.switchToHttp().getRequest<ThrottledRequest>();
    const subject = subjectOf(action, req);
    await this.limits.consume({ action, subject, address: req.ip });
    return true;
  }
}

type ThrottledRequest = { ip: string; body?: Record<string, unknown>; user?: { userId?: string } };

/** The account an attempt is counted against; null when the request names none. */
function subjectOf(action: AuthAction, req: ThrottledRequest): string | null {
  const body = req.body ?? {};
  // A signed-in action (the authentication guard ran first) is counted against the account that sent it.
  if (SIGNED_IN_ACTIONS.has(action)) return req.user?.userId ? `user:${req.user.userId}` : null;
  if (TOKEN_ACTIONS.has(action)) return typeof body.token === 'string' && body.token !== '' ? `token:${body.token}` : null;
  return typeof body.email === 'string' && body.email.trim() !== '' ? body.email.trim().toLowerCase() : null;
}
