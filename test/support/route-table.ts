import { RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ModulesContainer } from '@nestjs/core';
import type { MemberRole } from '@hireloop/core';
import { ALLOWED_ROLES, IS_PUBLIC } from '../../apps/api/src/common/auth.decorators';

export interface RouteDeclaration {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Full path with the /v1 prefix, params as `:name`. */
  path: string;
  isPublic: boolean;
  /** Roles declared with @Roles; undefined = any active member (the service checks ownership). */
  roles: MemberRole[] | undefined;
  controller: string;
  handler: string;
}

const METHODS: Partial<Record<RequestMethod, RouteDeclaration['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const UNPREFIXED = new Set(['/health', '/health/ready']);

function join(...parts: string[]): string {
  const path =
    '/' +
    parts
      .map((p) => p.replace(/^\/+|\/+$/g, ''))
      .filter(Boolean)
      .join('/');
  return path;
}

/** Every HTTP route of the running app, read from the same decorators the guards read. */
export function routeTable(app: NestFastifyApplication): RouteDeclaration[] {
  const modules = app.get(ModulesContainer);
  const routes: RouteDeclaration[] = [];
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      const controllerPaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        if (name === 'constructor') continue;
        const handler = type.prototype[name];
        if (typeof handler !== 'function') continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const method = requestMethod === undefined ? undefined : METHODS[requestMethod];
        if (!method) continue;
        const handlerPaths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type));
        const roles = (Reflect.getMetadata(ALLOWED_ROLES, handler) ?? Reflect.getMetadata(ALLOWED_ROLES, type)) as MemberRole[] | undefined;
        for (const c of controllerPaths) {
          for (const h of handlerPaths) {
            const bare = join(c, h);
            const path = UNPREFIXED.has(bare) ? bare : join('v1', c, h);
            routes.push({ method, path, isPublic, roles, controller: type.name, handler: name });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
