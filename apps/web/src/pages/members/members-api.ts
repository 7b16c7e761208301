import { apiClient, unwrap } from '../../api/typed-client';
import type { MemberRole } from '../../api/types';

/** The query-key prefix of every server-side members list (usePagedList keys its queries ['list', path, …]). */
export const MEMBERS_LIST_KEY = ['list', '/members'] as const;

export const inviteMember = async (body: { name: string; email: string; roles: MemberRole[] }) =>
  unwrap(await apiClient.POST('/v1/members', { body }));
export const resendInvite = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/resend-invite', { params: { path: { id } } }));
export const revokeInvite = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/revoke-invite', { params: { path: { id } } }));
export const deactivateMember = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/deactivate', { params: { path: { id } } }));
export const endMemberSessions = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/end-sessions', { params: { path: { id } } }));
export const reactivateMember = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/reactivate', { params: { path: { id } } }));
export const updateRoles = async (id: string, roles: MemberRole[]) =>
  unwrap(await apiClient.PATCH('/v1/members/{id}', { params: { path: { id } }, body: { roles } }));
