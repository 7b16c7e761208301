import { useApiQuery } from '../../api/queries';
import { apiClient, unwrap } from '../../api/typed-client';
import type { Question, Role, RoleTemplate } from '../../api/types';

/** Cache keys of the loop builder's data: a write invalidates by these prefixes. */
export const roleKey = (roleId: string) => ['role', roleId] as const;
export const questionKey = (questionId: string) => ['question', questionId] as const;
/** The question bank's pages (usePagedList's keys start with the path). */
export const QUESTION_BANK_KEY = ['list', '/questions'] as const;

export function useRole(roleId: string) {
  return useApiQuery<Role>(roleKey(roleId), async (signal) =>
    unwrap(await apiClient.GET('/v1/roles/{id}', { params: { path: { id: roleId } }, signal })),
  );
}

export function useRoleTemplates() {
  return useApiQuery<RoleTemplate[]>(['role-templates'], async (signal) => unwrap(await apiClient.GET('/v1/role-templates', { signal })).items);
}

export function useQuestion(questionId: string) {
  return useApiQuery<Question>(questionKey(questionId), async (signal) =>
    unwrap(await apiClient.GET('/v1/questions/{id}', { params: { path: { id: questionId } }, signal })),
  );
}
