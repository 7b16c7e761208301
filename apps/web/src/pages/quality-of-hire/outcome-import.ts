import { csrfToken, get } from '../../api/client';
import type { components } from '../../api/schema';
import { toApiError } from '../../lib/problem';

export type OutcomeImport = components['schemas']['OutcomeImportResponseDto'];

/** The import is still being checked or applied by the worker. */
export function importPending(status: OutcomeImport['status'] | undefined): boolean {
  return status === 'queued' || status === 'validating' || status === 'applying';
}

/**
 * POST /v1/outcomes/imports takes the CSV itself as the request body (text/csv), streamed by the API; the JSON
 * client cannot send that, so this is the one raw request (same cookie, same CSRF header).
 */
export async function uploadOutcomes(file: File, dryRun: boolean): Promise<OutcomeImport> {
  const headers: Record<string, string> = { 'Content-Type': 'text/csv', Accept: 'application/json, application/problem+json' };
  const csrf = csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let response: Response;
  try {
    response = await fetch(`/v1/outcomes/imports${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers,
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw toApiError(0, null);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (!response.ok) throw toApiError(response.status, body, response.statusText);
  return body as OutcomeImport;
}

export const getOutcomeImport = (id: string, signal: AbortSignal) => get<OutcomeImport>(`/outcomes/imports/${id}`, undefined, signal);
