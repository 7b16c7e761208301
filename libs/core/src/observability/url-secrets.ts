/**
 * Capability tokens travel in some URLs: the path of a self-identification link, a calendar feed and the email
 * preferences page, and the `code`, `state` and `token` query parameters (the single sign-on callback, links from
 * emails). Whoever reads them from a log line or a trace could use them, so both see them replaced.
 */
const PATH_TOKEN = /(\/(?:self-identification|calendar-feeds|email-preferences)\/)[^/?#]+/g;
const QUERY_SECRET = /([?&](?:code|state|token)=)[^&#]*/g;

/** The URL (path and query) with its capability tokens replaced by `[redacted]`. */
export function redactUrlSecrets(url: string): string {
  return url.replace(PATH_TOKEN, '$1[redacted]').replace(QUERY_SECRET, '$1[redacted]');
}

/** Query parameters a trace must not hold (OpenTelemetry's HTTP instrumentation replaces their values). */
export const SECRET_QUERY_PARAMETERS = ['code', 'state', 'token'];
