import { apiClient, unwrap } from '../../api/typed-client';
import type { ScorecardDraftBody, ScorecardSubmitBody } from '../../api/types';

/** Cache keys of the interviewer's data; a submission makes all of them stale. */
export const interviewKeys = {
  kit: (interviewId: string) => ['interviews', interviewId, 'kit'] as const,
  panel: (applicationId: string) => ['applications', applicationId, 'scorecards'] as const,
  mine: ['me', 'interviews'] as const,
  /** The paged Completed list (usePagedList keys start with 'list' and the path). */
  completed: ['list', '/me/interviews/completed'] as const,
  notifications: ['notifications'] as const,
};

export async function loadKit(interviewId: string, signal: AbortSignal) {
  return unwrap(await apiClient.GET('/v1/interviews/{id}/kit', { params: { path: { id: interviewId } }, signal }));
}

export async function saveDraft(interviewId: string, body: ScorecardDraftBody) {
  return unwrap(await apiClient.PUT('/v1/interviews/{id}/scorecard', { params: { path: { id: interviewId } }, body }));
}

/** Submits once: a retry with the same key and body replays the first answer (Idempotency-Key). */
export async function submitScorecard(interviewId: string, body: ScorecardSubmitBody, idempotencyKey: string) {
  return unwrap(
    await apiClient.POST('/v1/interviews/{id}/scorecard/submit', {
      params: { path: { id: interviewId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

export async function amendScorecard(interviewId: string, body: ScorecardSubmitBody, reason: string) {
  return unwrap(await apiClient.POST('/v1/interviews/{id}/scorecard/amend', { params: { path: { id: interviewId } }, body: { ...body, reason } }));
}

/** The application's scorecards (403 feedback_blind until the caller has submitted their own). */
export async function loadPanelScorecards(applicationId: string, signal: AbortSignal) {
  return unwrap(await apiClient.GET('/v1/applications/{id}/scorecards', { params: { path: { id: applicationId } }, signal }));
}

/** The role, for the names of dimensions outside this round; null when the reader may not read it. */
export async function loadRoleOrNull(roleId: string, signal: AbortSignal) {
  const result = await apiClient.GET('/v1/roles/{id}', { params: { path: { id: roleId } }, signal });
  return result.response.ok ? (result.data ?? null) : null;
}
