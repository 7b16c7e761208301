import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@hireloop/config';
import { AppError } from '@hireloop/core';
import { assertCsrfToken } from '../auth/session-cookie';
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
    assertCsrfToken(context.switchToHttp().getRequest<FastifyRequest>(), this.config.JWT_SECRET);
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err;
    if (!user) {
      const reason = info instanceof Error && info.name === 'TokenExpiredError' ? 'token_expired' : 'invalid_token';
      throw new AppError(
        'unauthorized',
        reason,
        reason === 'token_expired' ? 'The access token has expired; sign in again.' : 'A valid bearer token is required.',
      );
    }
    return user;
  }
}
