/**
 * RFC 9457 problem+json as the API sends it, and helpers to show each field error next to the field at fault.
 * Field paths are dotted (`ratings.0.evidence`, `dimensions.<id>`, `rounds.<id>.focusDimensionIds`).
 */

export interface ProblemFieldError {
  field: string;
  message: string;
  code?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

/** An API failure: the problem body plus the field errors indexed by path. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  readonly fieldErrors: Record<string, string[]>;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? 'error';
    this.problem = problem;
    this.fieldErrors = indexFieldErrors(problem.errors ?? []);
  }

  /** Messages for exactly this field path. */
  forField(field: string): string[] {
    return this.fieldErrors[field] ?? [];
  }

  /** Messages for this path or anything below it (`ratings.0` matches `ratings.0.evidence`). */
  under(prefix: string): string[] {
    return messagesUnder(this.fieldErrors, prefix);
  }
}

export function indexFieldErrors(errors: ProblemFieldError[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    if (!e || typeof e.field !== 'string') continue;
    const list = (out[e.field] ??= []);
    if (!list.includes(e.message)) list.push(e.message);
  }
  return out;
}

export function messagesUnder(index: Record<string, string[]>, prefix: string): string[] {
  const out: string[] = [];
  for (const [field, messages] of Object.entries(index)) {
    if (field === prefix || field.startsWith(`${prefix}.`)) for (const m of messages) if (!out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * Field errors not claimed by any of the given paths or prefixes: shown in a summary so that no error is ever
 * silently dropped, even when the form has no input for that path.
 */
export function unclaimedErrors(index: Record<string, string[]>, claimed: string[]): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const [field, messages] of Object.entries(index)) {
    const isClaimed = claimed.some((c) => field === c || field.startsWith(`${c}.`));
    if (!isClaimed) for (const message of messages) out.push({ field, message });
  }
  return out;
}

/** Builds an ApiError from a response body (problem+json, plain JSON or text). */
export function toApiError(status: number, body: unknown, statusText = ''): ApiError {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Partial<Problem> & { message?: unknown };
    return new ApiError({
      ...b,
      status: typeof b.status === 'number' ? b.status : status,
      title: b.title ?? statusText,
      detail: b.detail ?? (typeof b.message === 'string' ? b.message : undefined),
      errors: Array.isArray(b.errors) ? b.errors : undefined,
    });
  }
  const text = typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : undefined;
  return new ApiError({
    status,
    title: statusText || 'Error',
    detail: text ?? defaultDetail(status),
    code: status === 0 ? 'network_error' : 'error',
  });
}

function defaultDetail(status: number): string {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `Request failed (${status}).`;
}

/** Re-keys `ratings.<index>…` errors by dimension id, given the order the ratings were sent in. */
export function remapIndexedErrors(index: Record<string, string[]>, arrayField: string, keys: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const pattern = new RegExp(`^${arrayField.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)(\\..*)?$`);
  for (const [field, messages] of Object.entries(index)) {
    const m = pattern.exec(field);
    const key = m ? keys[Number(m[1])] : undefined;
    const target = m && key !== undefined ? `${arrayField}.${key}${m[2] ?? ''}` : field;
    out[target] = [...(out[target] ?? []), ...messages];
  }
  return out;
}
