import { useQueryClient } from '@tanstack/react-query';
import { useApiQuery } from './queries';
import { apiClient, unwrap } from './typed-client';
import type { ApplicationDetail, Debrief, Role } from './types';

/**
 * The queries of the recruiter's and hiring manager's pages, through the typed client. Keys start with the entity,
 * so a write invalidates by prefix: ['application', id], ['debrief', id], ['role', id], ['members', …].
 */

export const applicationKey = (id: string) => ['application', id] as const;
export const debriefKey = (id: string) => ['debrief', id] as const;

export function useApplication(id: string) {
  return useApiQuery<ApplicationDetail>(applicationKey(id), async (signal) =>
    unwrap(await apiClient.GET('/v1/applications/{id}', { params: { path: { id } }, signal })),
  );
}

/** The debrief; polls every `pollMs(latest)` ms (quickly while the worker computes a new report). */
export function useDebrief(id: string, pollMs: (latest: Debrief | undefined) => number) {
  const latest = useQueryClient().getQueryData<Debrief>(debriefKey(id));
  return useApiQuery<Debrief>(
    debriefKey(id),
    async (signal) => unwrap(await apiClient.GET('/v1/applications/{id}/debrief', { params: { path: { id } }, signal })),
    {
      refetchInterval: pollMs(latest),
    },
  );
}

/** A role (undefined while loading or without an id); `orNull`: a role the member may not read is null, not an error. */
export function useRole(roleId: string | undefined, options: { orNull?: boolean } = {}) {
  return useApiQuery<Role | null>(
    ['role', roleId, options.orNull ?? false],
    async (signal) => {
      const result = await apiClient.GET('/v1/roles/{id}', { params: { path: { id: roleId! } }, signal });
      if (options.orNull && result.error !== undefined) return null;
      return unwrap(result);
    },
    { enabled: Boolean(roleId) },
  );
}
