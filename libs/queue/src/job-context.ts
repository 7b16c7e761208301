/**
 * What the outbox relay adds to a job's data besides the payload (the payload still carries ids only): when the
 * change it announces was committed, for the report-freshness metric, and the W3C trace context of the request
 * that made it, so the job's spans join that request's trace.
 */
export interface JobContext {
  /** ISO time the outbox row was written (the submission's commit). */
  outboxCreatedAt?: string;
  /** W3C `traceparent` of the writing request, when tracing is on. */
  traceparent?: string;
  /** A job that carries out several writes' requests: their `traceparent`s, linked from the job's span. */
  links?: string[];
}

/** The key of the context in job data. */
export const JOB_CONTEXT_KEY = '_context';

export function withJobContext<T extends Record<string, unknown>>(payload: T, context: JobContext): T & { [JOB_CONTEXT_KEY]?: JobContext } {
  const defined = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined && v !== null));
  return Object.keys(defined).length === 0 ? payload : { ...payload, [JOB_CONTEXT_KEY]: defined };
}

export function jobContextOf(data: unknown): JobContext {
  const context = (data as Record<string, unknown> | null | undefined)?.[JOB_CONTEXT_KEY];
  return context && typeof context === 'object' ? (context as JobContext) : {};
}
