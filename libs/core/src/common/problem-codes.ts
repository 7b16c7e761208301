/**
 * Every stable `code` a problem+json response can carry: its HTTP status and what it means. Clients branch on these
 * strings, so a code is never renamed or reused for another meaning. `AppError` (and the API's RateLimitedError)
 * accept only these codes, and the OpenAPI document publishes this table (the `code` enum of the Problem schema and
 * each operation's error responses), so a new code is added here first.
 *
 * A field-level `errors[].code` (e.g. `invalid_cursor`, `ends_before_start`, class-validator's `isUuid`) is not a
 * problem code: it travels inside a `validation_failed` problem.
 */
export interface ProblemCodeEntry {
  /** The HTTP status; a few codes answer with another one in a named situation (`alsoStatus`). */
  readonly status: number;
  readonly alsoStatus?: number;
  readonly meaning: string;
}

export const PROBLEM_CODES = {
  // 400: the request itself is wrong.
  validation_failed: { status: 400, meaning: 'One or more fields are invalid; `errors[]` names each field with a message and a field-level code.' },
  invalid_json: { status: 400, meaning: 'The request body is not valid JSON.' },
  too_deeply_nested: { status: 400, meaning: 'The request nests objects or arrays more than 32 levels deep.' },
  invalid_value: { status: 400, meaning: 'A value has the wrong format for its column (e.g. a malformed date).' },
  invalid_character: { status: 400, meaning: 'Text contains a character that cannot be stored (such as U+0000).' },
  value_out_of_range: { status: 400, meaning: 'A value is too long or out of range.' },
  bad_request: { status: 400, meaning: 'The request is malformed in a way no other code describes.' },
  invalid_invite: { status: 400, meaning: 'The invite token is unknown, already used or expired.' },
  invalid_reset_token: { status: 400, meaning: 'The password-reset token is unknown, already used or expired.' },
  password_required: {
    status: 400,
    meaning:
      'POST /v1/auth/verify-email from another browser than the one that signed up: send the password chosen at sign-up as well (the link proves the mailbox, not who chose the password).',
  },
  invalid_current_password: {
    status: 400,
    meaning:
      'POST /v1/me/password, POST /v1/me/email: `currentPassword` is not the password of the account (or the account has none yet: set one with a reset link); `errors[]` names the field.',
  },
  invalid_email_change_token: {
    status: 400,
    meaning:
      'POST /v1/auth/email-change/confirm: the token of the confirmation link is unknown, already used, replaced by a newer request or expired.',
  },
  // 401: who is calling is not established.
  invalid_token: {
    status: 401,
    alsoStatus: 400,
    meaning:
      'The bearer token is missing, malformed or revoked (401); on POST /v1/auth/verify-email: the verification token is unknown, used or expired (400).',
  },
  token_expired: { status: 401, meaning: 'The bearer token has expired; sign in again.' },
  invalid_credentials: {
    status: 401,
    meaning:
      'Wrong email or password (or, accepting an invite for an existing account, its current password; confirming a sign-up from another browser, the password chosen at sign-up).',
  },
  no_active_membership: { status: 401, meaning: 'The account has no active membership (in the organization asked for).' },
  unauthorized: { status: 401, meaning: 'Authentication is required.' },
  sso_state_invalid: { status: 401, meaning: 'The single sign-on callback is unknown, already used, expired or from another browser; start again.' },
  sso_provider_refused: { status: 401, meaning: 'The identity provider refused the sign-in.' },
  sso_token_invalid: { status: 401, meaning: "The identity provider's answer (ID token, nonce, code) was not accepted." },
  sso_handoff_invalid: { status: 401, meaning: 'No finished single sign-on for this browser (unknown, used or expired).' },
  // 403: the caller may not do this.
  forbidden: { status: 403, meaning: 'The caller may not do this.' },
  role_required: { status: 403, meaning: 'The action needs a member role the caller does not hold (listed in the message).' },
  role_access_denied: { status: 403, meaning: 'A hiring manager may act only on the roles they manage.' },
  application_access_denied: { status: 403, meaning: 'A hiring manager may read only the applications of the roles they manage.' },
  debrief_forbidden: { status: 403, meaning: "Only admins, recruiters and the role's hiring manager may read the debrief." },
  decision_forbidden: { status: 403, meaning: "Only admins and the role's hiring manager may record the decision." },
  feedback_blind: {
    status: 403,
    meaning: "Blind rule: a panel member reads the panel's feedback (or decides) only after submitting their own scorecard.",
  },
  not_on_panel: { status: 403, meaning: "An interviewer reads an application's feedback only when on its panel." },
  not_assigned: { status: 403, meaning: 'Only an interviewer assigned to the interview writes its scorecard.' },
  not_role_hiring_manager: { status: 403, meaning: "A role's calibration is for admins and the role's hiring manager." },
  calibration_not_visible: { status: 403, meaning: "An interviewer's calibration is for admins, hiring managers and the interviewer themself." },
  csrf_token_invalid: {
    status: 403,
    meaning: 'A request authenticated by the session cookie lacks the X-CSRF-Token header matching its CSRF cookie.',
  },
  nudge_not_allowed: { status: 403, meaning: "Only recruiters, admins and the role's hiring manager can ask an interviewer for missing feedback." },
  sso_required: { status: 403, meaning: 'The organization signs in with single sign-on only (admins keep password sign-in).' },
  sso_email_missing: { status: 403, meaning: 'The identity provider did not share an email address.' },
  sso_email_unverified: { status: 403, meaning: 'The identity provider does not vouch for the email address (email_verified).' },
  sso_domain_not_allowed: { status: 403, meaning: "The email address's domain is not allowed to sign in to the organization." },
  sso_membership_deactivated: { status: 403, meaning: 'The membership was deactivated; single sign-on does not bring it back.' },
  validity_reports_forbidden: {
    status: 403,
    meaning: "Validity reports are for admins and people analytics (every role and the organization) and a role's hiring manager (their roles).",
  },
  outcomes_forbidden: {
    status: 403,
    meaning: "Only admins, people analytics and the role's hiring manager can read or record outcomes after a hire.",
  },
  // 404: nothing with this id exists for the caller (other organizations' resources included).
  not_found: { status: 404, meaning: 'No resource has this id (also any id that is not a UUID).' },
  application_not_found: { status: 404, meaning: 'The application does not exist in the organization.' },
  organization_not_found: {
    status: 404,
    meaning: 'POST /v1/auth/switch-organization: the account has no active membership in that organization (or it does not exist).',
  },
  calendar_feed_not_found: { status: 404, meaning: 'The calendar feed is unknown or revoked.' },
  candidate_not_found: { status: 404, meaning: 'The candidate does not exist in the organization.' },
  decision_not_found: { status: 404, meaning: 'No hiring decision is recorded for the application yet.' },
  dimension_not_found: { status: 404, meaning: 'The dimension is not one of the role.' },
  interview_not_found: { status: 404, meaning: 'The interview does not exist, or the caller is not on it.' },
  interviewer_not_found: { status: 404, meaning: 'No member of the organization has this id.' },
  job_not_found: { status: 404, meaning: 'The queue has no such job visible to the caller.' },
  loop_version_not_found: { status: 404, meaning: 'The role has no such loop version.' },
  member_not_found: { status: 404, meaning: 'The member does not exist in the organization.' },
  notification_not_found: { status: 404, meaning: "The notification is not one of the caller's." },
  question_not_found: { status: 404, meaning: 'The question does not exist in the question bank.' },
  queue_not_found: { status: 404, meaning: 'No queue has this name.' },
  role_not_found: { status: 404, meaning: 'The role does not exist in the organization (or is not visible to the caller).' },
  role_template_not_found: { status: 404, meaning: 'No role template has this key.' },
  round_not_found: { status: 404, meaning: 'The round is not one of the role.' },
  scorecard_not_found: { status: 404, meaning: 'The scorecard does not exist or is not visible to the caller.' },
  session_not_found: { status: 404, meaning: "DELETE /v1/me/sessions/:id: no unexpired session of the caller's account has this id." },
  outcome_not_found: { status: 404, meaning: 'No outcome with this id for the application.' },
  validity_report_not_found: { status: 404, meaning: 'No validity report with this id (or none yet for this role / the organization).' },
  outcome_import_not_found: { status: 404, meaning: 'No outcome import with this id in the organization.' },
  self_identification_not_found: { status: 404, meaning: 'The candidate has not answered the self-identification form (or it was erased).' },
  self_identification_link_not_found: { status: 404, meaning: 'The self-identification link is unknown.' },
  sso_not_configured: { status: 404, meaning: 'The organization has no single sign-on configured.' },
  email_preferences_link_invalid: { status: 404, meaning: 'The email-preferences link is not valid; sign in to change preferences.' },
  method_not_allowed: { status: 405, meaning: 'The path does not take this HTTP method.' },
  // 409: the request conflicts with the current state.
  conflict: { status: 409, meaning: 'The request conflicts with the current state.' },
  concurrent_update: { status: 409, meaning: 'Another request changed the resource at the same time; retry.' },
  email_taken: {
    status: 409,
    meaning: 'An account with this email already exists (at sign-up, or when an email change is confirmed: the address was taken since).',
  },
  already_member: { status: 409, meaning: 'The person is already a member of the organization.' },
  last_admin: { status: 409, meaning: 'The organization would be left without an active admin.' },
  invite_not_pending: { status: 409, meaning: 'The member has no pending invitation (already joined, revoked or deactivated).' },
  invite_recently_sent: { status: 409, meaning: 'The invitation was sent less than a minute ago; wait before sending it again.' },
  member_not_joined: { status: 409, meaning: 'The member never accepted the invitation, so there is no account to reactivate; invite them again.' },
  candidate_email_taken: { status: 409, meaning: 'Another candidate of the organization has this email.' },
  candidate_email_undeliverable: {
    status: 409,
    meaning: "The candidate's stored email address cannot be delivered to, so the link was not emailed (nor created).",
  },
  candidate_erased: { status: 409, meaning: "The candidate's personal data was erased; the record cannot change or apply again." },
  application_exists: { status: 409, meaning: 'The candidate already has an active application to this role.' },
  application_not_active: { status: 409, meaning: 'The application is rejected, withdrawn or hired.' },
  decision_recorded: { status: 409, meaning: 'The hiring decision is recorded; the application and its feedback no longer change.' },
  decision_already_recorded: { status: 409, meaning: 'A hiring decision is already recorded for the application (a decision is made once).' },
  report_stale: {
    status: 409,
    meaning: 'The report does not include the latest feedback yet; wait, or acknowledge with a reason (acknowledgeStale + staleReason).',
  },
  role_not_open: { status: 409, meaning: 'The role is not open (draft or closed).' },
  role_open: { status: 409, meaning: 'The change is not allowed while the role is open.' },
  open_role_must_stay_ready: { status: 409, meaning: 'The change would leave an open role with a loop that is not ready (errors[] says why).' },
  rating_scale_in_use: { status: 409, meaning: 'The rating scale cannot change once scorecards use it.' },
  too_many_dimensions: { status: 409, meaning: 'The role has the maximum number of dimensions.' },
  too_many_rounds: { status: 409, meaning: 'The role has the maximum number of rounds.' },
  dimension_name_taken: { status: 409, meaning: 'The role already has a dimension with this name.' },
  dimension_in_use: { status: 409, meaning: 'The dimension is rated on a scorecard and cannot be deleted.' },
  round_in_use: { status: 409, meaning: 'Interviews reference the round; it cannot be deleted.' },
  round_not_in_loop_version: { status: 409, meaning: "The interview's round is not in its pinned loop version." },
  question_in_use: { status: 409, meaning: 'Rounds use the question (named in the message); remove it from them first.' },
  interview_has_feedback: { status: 409, meaning: 'The interview has submitted feedback; it cannot be cancelled or moved.' },
  interview_not_scheduled: { status: 409, meaning: 'Only a scheduled interview can be moved.' },
  interview_not_started: { status: 409, meaning: 'A scorecard is submitted only once the interview has started.' },
  interview_cancelled: { status: 409, meaning: 'The interview is cancelled; its scorecard does not change.' },
  already_submitted: { status: 409, meaning: 'The scorecard is already submitted; amend it instead.' },
  not_submitted: { status: 409, meaning: 'Only a submitted scorecard can be amended or withdrawn.' },
  scorecard_withdrawn: { status: 409, meaning: 'The scorecard was withdrawn.' },
  no_changes: { status: 409, meaning: 'The amendment changes nothing.' },
  job_not_failed: { status: 409, meaning: 'Only a failed job can be retried.' },
  interview_not_ended: { status: 409, meaning: 'The interview has not ended yet; feedback can be asked for after it.' },
  interviewer_inactive: { status: 409, meaning: 'The interviewer is no longer an active member.' },
  feedback_submitted: { status: 409, meaning: 'The interviewer has already submitted the scorecard.' },
  interviewer_double_booked: {
    status: 409,
    meaning: 'An interviewer is already booked at an overlapping time; `conflicts` lists the clashes (send allowConflict: true to book anyway).',
  },
  application_not_hired: { status: 409, meaning: 'Outcomes are recorded for hired applications only.' },
  outcome_exists: { status: 409, meaning: 'This outcome is already recorded for the application; edit it instead.' },
  ratings_outside_scale: {
    status: 409,
    meaning: 'Recorded outcome ratings lie outside the new scale; change or delete them first (`ratingsOutside`).',
  },
  // 410: a one-time link that can no longer be used.
  invite_revoked: { status: 410, meaning: 'An admin of the organization withdrew this invitation.' },
  self_identification_link_used: { status: 410, meaning: 'The self-identification link was already used; each link works once.' },
  self_identification_link_expired: { status: 410, meaning: 'The self-identification link has expired; the recruiter can send a new one.' },
  // 413–429: size, media type, rate.
  error: { status: 400, meaning: 'A client error with a less common status (the status field says which).' },
  payload_too_large: { status: 413, meaning: 'The request body is larger than BODY_LIMIT_BYTES.' },
  unsupported_media_type: { status: 415, meaning: 'The request body has a content type the route does not accept.' },
  loop_not_ready: { status: 422, meaning: 'The loop is not ready to open; errors[] lists what is missing.' },
  start_in_past: {
    status: 422,
    meaning:
      'The interview would start in the past (beyond INTERVIEW_START_GRACE_MINUTES of clock skew); errors[] names startsAt (and any other problem of the times).',
  },
  idempotency_key_reuse: { status: 422, meaning: 'The Idempotency-Key was already used for a different request.' },
  nudge_too_soon: {
    status: 429,
    meaning: 'The interviewer was asked for this feedback less than 12 hours ago (Retry-After says when to ask again).',
  },
  too_many_requests: { status: 429, meaning: 'Too many attempts; wait for Retry-After seconds.' },
  // 5xx: the service cannot answer now.
  internal_error: { status: 500, meaning: 'An unexpected error; it was logged with the request id.' },
  busy: { status: 503, meaning: 'The service is busy (password hashing at capacity); retry after Retry-After seconds.' },
  queue_unavailable: { status: 503, meaning: 'Redis (the job queues) is unreachable.' },
  database_unavailable: { status: 503, meaning: 'The database is unavailable; retry shortly.' },
  sso_provider_unavailable: { status: 503, meaning: "The organization's identity provider cannot be reached or used right now." },
  service_unavailable: { status: 503, meaning: 'The service is unavailable; retry shortly.' },
} as const satisfies Record<string, ProblemCodeEntry>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export const ALL_PROBLEM_CODES = Object.keys(PROBLEM_CODES) as ProblemCode[];

export function isProblemCode(value: string): value is ProblemCode {
  return Object.prototype.hasOwnProperty.call(PROBLEM_CODES, value);
}

/** The statuses a code can answer with. */
export function problemCodeStatuses(code: ProblemCode): number[] {
  const entry: ProblemCodeEntry = PROBLEM_CODES[code];
  return entry.alsoStatus === undefined ? [entry.status] : [entry.status, entry.alsoStatus];
}
