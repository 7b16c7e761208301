/**
 * When an email is tried again, and which SMTP failures are final. Pure functions; the processor applies them.
 */

export interface EmailRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Delay before attempt `attempt + 1` after `attempt` failed attempts (1-based): base · 2^(attempt−1), capped. */
export function emailRetryDelayMs(attempt: number, policy: EmailRetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

/** Total time the attempts span: how long an SMTP outage may last without losing a message. */
export function emailRetryWindowMs(policy: EmailRetryPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt < policy.maxAttempts; attempt++) total += emailRetryDelayMs(attempt, policy);
  return total;
}

export interface SmtpFailure {
  responseCode?: number;
  code?: string;
  message?: string;
}

/**
 * A 5xx answer to the message or a recipient (e.g. 550 mailbox unavailable, 553 bad address) is final: sending
 * again gets the same answer. Connection errors, timeouts and 4xx answers (greylisting, a full queue) are retried.
 * An authentication failure (535) is final for this message too, and needs an operator: it is recorded for admins.
 */
export function isPermanentSmtpFailure(error: SmtpFailure): boolean {
  const code = error.responseCode;
  if (typeof code === 'number' && code >= 500 && code < 600) return true;
  return error.code === 'EENVELOPE' && typeof code === 'number' && code >= 500;
}
