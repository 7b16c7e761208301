import { apiClient, unwrap } from '../../api/typed-client';
import type { Member, MemberRole } from '../../api/types';

export const MEMBERS_KEY = ['members'] as const;

/** Every member of the organization (pages of 100 until the last). */
export async function loadMembers(signal: AbortSignal): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = unwrap(await apiClient.GET('/v1/members', { params: { query: { limit: 100, cursor } }, signal }));
    out.push(...res.items);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return out;
}

export const inviteMember = async (body: { name: string; email: string; roles: MemberRole[] }) =>
  unwrap(await apiClient.POST('/v1/members', { body }));
export const resendInvite = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/resend-invite', { params: { path: { id } } }));
export const revokeInvite = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/revoke-invite', { params: { path: { id } } }));
export const deactivateMember = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/deactivate', { params: { path: { id } } }));
export const reactivateMember = async (id: string) => unwrap(await apiClient.POST('/v1/members/{id}/reactivate', { params: { path: { id } } }));
export const updateRoles = async (id: string, roles: MemberRole[]) =>
  unwrap(await apiClient.PATCH('/v1/members/{id}', { params: { path: { id } }, body: { roles } }));
