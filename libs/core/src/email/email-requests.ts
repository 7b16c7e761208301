import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JobName, QueueName } from '@hireloop/queue';
import { AppError, FieldError } from '../common/app-error';
import { interviewsWithNames } from '../interviews/interviews.repository';
import { OutboxMessage, OutboxService } from '../outbox/outbox.service';
import { EmailRequestsRepository } from './email-requests.repository';
import { EmailTemplate, InterviewEmailParams, isAlwaysSent } from './email-templates';
import { EmailTokenPlace, EmailTokens } from './email-tokens';
import { hasControlCharacters, headerText, isDeliverableAddress, MAX_DISPLAY_NAME_LENGTH } from './email-text';
import type { InsertedNotificationRow } from '../notifications/notifications.repository';

/** Payload of a `send-email` job: ids only; the processor re-reads the delivery. */
export interface SendEmailJobData {
  organizationId: string | null;
  deliveryId: string;
}

/** The event key of the email of one self-identification link (erasure finds a candidate's mails by it). */
export function selfIdentificationEventKey(linkId: string): string {
  return `self-identification:${linkId}`;
}

export function emailDeliveryDedupeKey(deliveryId: string): string {
  return `email:${deliveryId}`;
}

/** The outbox message that has the worker send one stored delivery (also the job sweep's, for a lost job). */
export function sendEmailRequest(organizationId: string | null, deliveryId: string): OutboxMessage {
  return {
    organizationId,
    queue: QueueName.EmailDeliveries,
    jobName: JobName.SendEmail,
    payload: { organizationId, deliveryId } satisfies SendEmailJobData,
    dedupeKey: emailDeliveryDedupeKey(deliveryId),
  };
}

export interface EmailRecipient {
  email: string;
  name: string;
  memberId?: string | null;
}

export interface EmailRequest {
  organizationId: string | null;
  /** The event this email announces; with the recipient's address it is stored once (one message per event). */
  eventKey: string;
  template: EmailTemplate;
  to: EmailRecipient;
  params: Record<string, unknown>;
  /** A one-time token the email links with: stored sealed (see EmailTokens), opened by the worker to render. */
  token?: string;
}

const outbox = new OutboxService();
const repository = new EmailRequestsRepository();
const tokenKey = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 32);

/**
 * Stores email deliveries and their `send-email` jobs (through the outbox) in the caller's transaction: an email
 * exists if and only if its event committed, and the worker sends it after the commit, never the HTTP request.
 * A repeated event key for the same address is ignored (ON CONFLICT DO NOTHING). Recipients whose stored address
 * cannot be delivered to are skipped; the functions that take an address from the request reject it instead.
 * Returns how many deliveries were created.
 */
export async function requestEmails(manager: EntityManager, requests: EmailRequest[], tokens?: EmailTokens): Promise<number> {
  const rows = requests
    .map((r) => ({ ...r, to: { ...r.to, email: r.to.email.trim().toLowerCase() } }))
    .filter((r) => isDeliverableAddress(r.to.email));
  if (rows.length === 0) return 0;
  const inserted = await repository.insertDeliveries(
    manager,
    rows.map((r) => ({
      organizationId: r.organizationId,
      eventKey: r.eventKey,
      template: r.template,
      recipientEmail: r.to.email,
      recipientName: headerText(r.to.name, MAX_DISPLAY_NAME_LENGTH),
      recipientMemberId: r.to.memberId ?? null,
      essential: isAlwaysSent(r.template),
      params: r.token === undefined ? r.params : sealedWith(tokens, r.params, r.token, { template: r.template, recipientEmail: r.to.email }),
    })),
  );
  for (const row of inserted) await outbox.enqueue(manager, sendEmailRequest(row.organization_id, row.id));
  return inserted.length;
}

function sealedWith(tokens: EmailTokens | undefined, params: Record<string, unknown>, token: string, place: EmailTokenPlace) {
  if (!tokens) throw new Error('requestEmails: an email with a token needs EmailTokens to seal it');
  return tokens.seal(params, token, place);
}

/** Rejects an address or display name taken from a request that would be unsafe in a header (4xx, field-level). */
export function assertSafeRecipient(
  to: { email: string; name: string },
  fields: { email: string; name: string } = { email: 'email', name: 'name' },
): void {
  const errors: FieldError[] = [];
  if (!isDeliverableAddress(to.email.trim()))
    errors.push({ field: fields.email, message: `${fields.email} must be a single email address`, code: 'invalid_address' });
  const unsafeName = unsafeNameError(to.name, fields.name);
  if (unsafeName) errors.push(unsafeName);
  if (errors.length > 0) throw AppError.invalidFields(errors);
}

/** A name that would be unsafe in a mail header (line breaks, control characters): its field-level error, else null. */
export function unsafeNameError(name: string, field: string): FieldError | null {
  return hasControlCharacters(name)
    ? { field, message: `${field} must not contain line breaks or control characters`, code: 'control_characters' }
    : null;
}

export type InterviewChange = 'scheduled' | 'moved' | 'cancelled';

/**
 * The one entry point for transactional email. Each function runs in the caller's transaction (pass its manager),
 * reads what the email needs, and stores the deliveries with their outbox rows.
 */
export const EmailRequests = {
  /** An invitation with its accept link (`/accept-invite?token=`). Address and name come from the request: unsafe ones are a 400 naming the field. */
  async invitation(
    manager: EntityManager,
    invite: {
      organizationId: string;
      memberId: string;
      email: string;
      name: string;
      token: string;
      expiresAt: Date;
      invitedByMemberId: string;
      roles: string[];
    },
    tokens: EmailTokens,
  ): Promise<void> {
    assertSafeRecipient(invite);
    const [inviter] = await repository.activeMembers(manager, invite.organizationId, { ids: [invite.invitedByMemberId] });
    await requestEmails(
      manager,
      [
        {
          organizationId: invite.organizationId,
          eventKey: `invitation:${invite.memberId}:${tokenKey(invite.token)}`,
          template: 'invitation',
          to: { email: invite.email, name: invite.name, memberId: invite.memberId },
          params: { expiresAt: invite.expiresAt.toISOString(), inviterName: inviter?.name ?? null, roles: invite.roles },
          token: invite.token,
        },
      ],
      tokens,
    );
  },

  /**
   * Email verification (for sign-up, or before an existing account joins another organization): a link to
   * `/verify-email?token=<token>` that the web app posts back. The caller creates, stores (hashed) and checks the
   * token; this only delivers it. Unsafe address or name: 400 naming the field.
   */
  async verification(
    manager: EntityManager,
    v: { email: string; name: string; token: string; expiresAt?: Date; organizationId?: string | null; userId?: string | null },
    tokens: EmailTokens,
  ): Promise<void> {
    assertSafeRecipient(v);
    await requestEmails(
      manager,
      [
        {
          organizationId: v.organizationId ?? null,
          eventKey: `verification:${tokenKey(v.token)}`,
          template: 'email_verification',
          to: { email: v.email, name: v.name },
          params: { email: v.email.trim().toLowerCase(), expiresAt: v.expiresAt?.toISOString() ?? null },
          token: v.token,
        },
      ],
      tokens,
    );
  },

  /**
   * A sign-up was attempted with an address that already has an account: its owner is told (the sign-up itself
   * answers exactly as for a new address). Not about any organization.
   */
  async signupAttempt(manager: EntityManager, a: { attemptId: string; email: string; name: string }): Promise<void> {
    await requestEmails(manager, [
      {
        organizationId: null,
        eventKey: `signup-attempt:${a.attemptId}`,
        template: 'signup_attempt',
        to: { email: a.email, name: a.name },
        params: { email: a.email.trim().toLowerCase() },
      },
    ]);
  },

  /** A password-reset link (`/reset-password?token=`), single use, valid until `expiresAt`. */
  async passwordReset(
    manager: EntityManager,
    r: { tokenId: string; email: string; name: string; token: string; expiresAt: Date },
    tokens: EmailTokens,
  ): Promise<void> {
    await requestEmails(
      manager,
      [
        {
          organizationId: null,
          eventKey: `password-reset:${r.tokenId}`,
          template: 'password_reset',
          to: { email: r.email, name: r.name },
          params: { expiresAt: r.expiresAt.toISOString() },
          token: r.token,
        },
      ],
      tokens,
    );
  },

  /** The account's password was changed (by its owner or a reset link): the owner hears of it, in case it was not them. */
  async passwordChanged(manager: EntityManager, r: { userId: string; email: string; name: string; changedAt: Date }): Promise<void> {
    await requestEmails(manager, [
      {
        organizationId: null,
        eventKey: `password-changed:${r.userId}:${r.changedAt.toISOString()}`,
        template: 'password_changed',
        to: { email: r.email, name: r.name },
        params: { changedAt: r.changedAt.toISOString() },
      },
    ]);
  },

  /** The link (`/confirm-email-change?token=`) that proves a new sign-in address, sent to that address; single use. */
  async emailChange(
    manager: EntityManager,
    r: { tokenId: string; newEmail: string; name: string; token: string; expiresAt: Date },
    tokens: EmailTokens,
  ): Promise<void> {
    await requestEmails(
      manager,
      [
        {
          organizationId: null,
          eventKey: `email-change:${r.tokenId}`,
          template: 'email_change',
          to: { email: r.newEmail, name: r.name },
          params: { newEmail: r.newEmail, expiresAt: r.expiresAt.toISOString() },
          token: r.token,
        },
      ],
      tokens,
    );
  },

  /** The account's sign-in address changed: the previous address hears of it, in case it was not its owner. */
  async emailChanged(
    manager: EntityManager,
    r: { userId: string; previousEmail: string; newEmail: string; name: string; changedAt: Date },
  ): Promise<void> {
    await requestEmails(manager, [
      {
        organizationId: null,
        eventKey: `email-changed:${r.userId}:${r.changedAt.toISOString()}`,
        template: 'email_changed',
        to: { email: r.previousEmail, name: r.name },
        params: { newEmail: r.newEmail, changedAt: r.changedAt.toISOString() },
      },
    ]);
  },

  /**
   * Interview scheduled, moved or cancelled: one email per active interviewer, each with an iCalendar invitation of
   * the interview's UID. Every change bumps the interview's calendar SEQUENCE, so a move updates the same calendar
   * entry and a cancellation (METHOD:CANCEL) removes it. Call after the change is written.
   */
  async interviewChanged(
    manager: EntityManager,
    organizationId: string,
    interviewId: string,
    change: InterviewChange,
    previous?: { startsAt: Date },
  ): Promise<void> {
    const sequence = await repository.nextCalendarSequence(manager, interviewId);
    const [row] = await interviewsWithNames(manager, organizationId, { interviewId });
    if (!row) return;
    const interviewers = await repository.activeMembers(manager, organizationId, { ids: row.interviewerIds });
    const params: InterviewEmailParams = {
      interviewId,
      applicationId: row.applicationId,
      candidateName: row.candidateName,
      roleTitle: row.roleTitle,
      roundName: row.roundName ?? 'Interview',
      startsAt: new Date(row.startsAt).toISOString(),
      endsAt: new Date(row.endsAt).toISOString(),
      previousStartsAt: previous ? previous.startsAt.toISOString() : null,
      sequence,
      interviewerNames: interviewers.map((m) => m.name),
    };
    await requestEmails(
      manager,
      interviewers.map((m) => ({
        organizationId,
        eventKey: `interview:${interviewId}:${sequence}`,
        template: `interview_${change}` as EmailTemplate,
        to: { email: m.email, name: m.name, memberId: m.id },
        params: params as unknown as Record<string, unknown>,
      })),
    );
  },

  /** Feedback reminders (to the interviewer, with a link to the scorecard) and escalations (to the hiring manager), one per stored notification. */
  async feedbackNotifications(manager: EntityManager, notifications: Omit<InsertedNotificationRow, 'step' | 'created_at'>[]): Promise<void> {
    if (notifications.length === 0) return;
    const ids = [...new Set(notifications.flatMap((n) => [n.recipient_member_id, n.interviewer_id]))];
    const members = await repository.membersWithStatus(manager, ids);
    const byId = new Map(members.map((m) => [m.id, m]));
    const requests: EmailRequest[] = [];
    for (const n of notifications) {
      const to = byId.get(n.recipient_member_id);
      if (!to || to.status !== 'active') continue;
      const escalation = n.kind === 'feedback_escalation';
      requests.push({
        organizationId: n.organization_id,
        eventKey: `notification:${n.id}`,
        template: escalation ? 'feedback_escalation' : 'feedback_reminder',
        to: { email: to.email, name: to.name, memberId: to.id },
        params: { ...n.payload, interviewId: n.interview_id, interviewerName: byId.get(n.interviewer_id)?.name ?? null },
      });
    }
    await requestEmails(manager, requests);
  },

  /**
   * The candidate's voluntary self-identification link (`/#/self-identification/<token>`). Like a password reset,
   * the token is stored (sealed) with the delivery only until it is sent or fails (then `params` is emptied) and the URL is
   * built when rendering, so no log line carries it. Returns false when the candidate's address cannot be delivered to.
   */
  async selfIdentificationLink(
    manager: EntityManager,
    l: { organizationId: string; linkId: string; applicationId: string; token: string; expiresAt: Date },
    tokens: EmailTokens,
  ): Promise<boolean> {
    const app = await repository.applicationCandidate(manager, l.organizationId, l.applicationId);
    if (!app || !isDeliverableAddress(app.candidate_email.trim())) return false;
    const created = await requestEmails(
      manager,
      [
        {
          organizationId: l.organizationId,
          eventKey: selfIdentificationEventKey(l.linkId),
          template: 'self_identification',
          to: { email: app.candidate_email, name: app.candidate_name },
          params: { expiresAt: l.expiresAt.toISOString(), roleTitle: app.role_title, applicationId: l.applicationId },
          token: l.token,
        },
      ],
      tokens,
    );
    return created > 0;
  },

  /** A hiring decision was recorded: every active recruiter of the organization is told. */
  async decisionRecorded(
    manager: EntityManager,
    d: { organizationId: string; decisionId: string; applicationId: string; decision: string; decidedByMemberId: string },
  ): Promise<void> {
    const app = await repository.applicationNames(manager, d.organizationId, d.applicationId);
    if (!app) return;
    const recruiters = await repository.activeMembers(manager, d.organizationId, { role: 'recruiter' });
    const [decider] = await repository.activeMembers(manager, d.organizationId, { ids: [d.decidedByMemberId] });
    await requestEmails(
      manager,
      recruiters.map((m) => ({
        organizationId: d.organizationId,
        eventKey: `decision:${d.decisionId}`,
        template: 'decision_recorded' as const,
        to: { email: m.email, name: m.name, memberId: m.id },
        params: {
          applicationId: d.applicationId,
          decision: d.decision,
          candidateName: app.candidate_name,
          roleTitle: app.role_title,
          decidedByName: decider?.name ?? null,
        },
      })),
    );
  },
};
