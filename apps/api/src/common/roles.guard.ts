import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, AuthContext, MemberRole } from '@hireloop/core';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<MemberRole[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed || allowed.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthContext }>().user;
    if (user && allowed.some((role) => user.roles.includes(role))) return true;
    throw AppError.forbidden('role_required', `This action needs one of the roles: ${allowed.join(', ')}.`);
  }
}
