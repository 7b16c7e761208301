import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@hireloop/config';
import { AppError } from '@hireloop/core';
import { CSRF_HEADER, csrfTokenMatches, isUnsafeMethod, sessionCredential } from '../auth/session-cookie';
import { IS_PUBLIC } from './auth.decorators';

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    this.assertCsrfToken(context.switchToHttp().getRequest<FastifyRequest>());
    return super.canActivate(context);
  }

  /** A browser sends the session cookie whoever started the request: an unsafe one must prove it came from our pages. */
  private assertCsrfToken(request: FastifyRequest): void {
    const credential = sessionCredential(request);
    if (credential?.source !== 'cookie' || !isUnsafeMethod(request.method)) return;
    if (!csrfTokenMatches(this.config.JWT_SECRET, credential.token, request.headers[CSRF_HEADER])) {
      throw AppError.forbidden('csrf_token_invalid', `A request authenticated by the session cookie must send the ${CSRF_HEADER} header with the value of the hireloop_csrf cookie.`);
    }
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err;
    if (!user) {
      const reason = info instanceof Error && info.name === 'TokenExpiredError' ? 'token_expired' : 'invalid_token';
      throw new AppError('unauthorized', reason, reason === 'token_expired' ? 'The access token has expired; sign in again.' : 'A valid bearer token is required.');
    }
    return user;
  }
}
