import { createParamDecorator, ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import type { AuthContext, MemberRole } from '@hireloop/core';

export const IS_PUBLIC = 'hireloop:public';
export const ALLOWED_ROLES = 'hireloop:roles';

/** The route needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Members holding any of these roles may call the route. A route without @Roles is open to every active member
 * of the organization (its service still checks ownership, e.g. "the assigned interviewer").
 */
export const Roles = (...roles: MemberRole[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The caller, as resolved by the JWT strategy. */
export const Auth = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthContext => {
  const request = ctx.switchToHttp().getRequest<{ user?: AuthContext }>();
  if (!request.user) throw new UnauthorizedException();
  return request.user;
});
