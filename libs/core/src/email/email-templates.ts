import { appLink, escapeHtml, headerText, MAX_SUBJECT_LENGTH } from './email-text';

/**
 * Every email the service sends, as pure functions of stored parameters: subject, a text part and an HTML part.
 * Values from users (names, titles) are escaped for HTML and flattened to one line for the subject; links are built
 * from PUBLIC_APP_URL here, so a stored delivery never holds a full URL.
 */

export const EMAIL_TEMPLATES = [
  'invitation',
  'email_verification',
  'signup_attempt',
  'password_reset',
  'password_changed',
  'email_change',
  'email_changed',
  'interview_scheduled',
  'interview_moved',
  'interview_cancelled',
  'feedback_reminder',
  'feedback_escalation',
  'decision_recorded',
  'self_identification',
] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

/** Account and security mail: always sent, no preferences link. Everything else is non-essential. */
export const ESSENTIAL_TEMPLATES: ReadonlySet<EmailTemplate> = new Set([
  'invitation',
  'email_verification',
  'signup_attempt',
  'password_reset',
  'password_changed',
  'email_change',
  'email_changed',
]);

/**
 * Mail to a candidate, who is not a user: there is no account whose preferences could turn it off, so it has no
 * preferences link (nor List-Unsubscribe) and is always sent — a recruiter asked for it explicitly, once per link.
 */
export const CANDIDATE_TEMPLATES: ReadonlySet<EmailTemplate> = new Set(['self_identification']);

/** Stored as `email_deliveries.essential`: sent whatever any preference says. */
export const isAlwaysSent = (template: EmailTemplate): boolean => ESSENTIAL_TEMPLATES.has(template) || CANDIDATE_TEMPLATES.has(template);

export interface InterviewEmailParams {
  interviewId: string;
  applicationId: string;
  candidateName: string;
  roleTitle: string;
  roundName: string;
  startsAt: string;
  endsAt: string;
  /** Where it was before a move. */
  previousStartsAt?: string | null;
  sequence: number;
  interviewerNames: string[];
}

export type EmailParams = Record<string, unknown>;

export interface RenderContext {
  /** The organization the email is about; null for account mail (password reset). */
  organizationName: string | null;
  recipientName: string;
  appUrl: string;
  /** The recipient's signed preferences token: the preferences link then works without signing in. */
  preferencesToken?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Body {
  subject: string;
  /** Paragraphs of plain text (escaped for HTML by the layout). */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Shown under the action, e.g. an expiry. */
  note?: string;
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : v === null || v === undefined ? fallback : String(v));
/** The name of whoever nudged for a scorecard (a nudge's payload carries `nudgedBy`), else ''. */
const nudgerName = (p: Record<string, unknown>): string => {
  const by = p.nudgedBy as { name?: unknown } | undefined;
  return by && typeof by === 'object' ? str(by.name) : '';
};

/** "Tue, 2 Dec 2026, 14:00 UTC": emails are read in any time zone; the .ics part carries the exact instant. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}, ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

function body(template: EmailTemplate, p: EmailParams, ctx: RenderContext): Body {
  const org = ctx.organizationName ?? 'hireloop';
  const link = (path: string, query?: Record<string, string>) => appLink(ctx.appUrl, path, query);
  switch (template) {
    case 'invitation':
      return {
        subject: `${str(p.inviterName, 'An admin')} invited you to ${org} on hireloop`,
        paragraphs: [
          `${str(p.inviterName, 'An admin')} invited you to join ${org} on hireloop as ${(p.roles as string[] | undefined)?.join(', ') || 'a member'}.`,
        ],
        action: { label: 'Accept the invitation', url: link('/accept-invite', { token: str(p.token) }) },
        note: `The link works once, until ${formatWhen(str(p.expiresAt))}. If you did not expect it, ignore this email.`,
      };
    case 'email_verification':
      return {
        subject: `Confirm your email address for hireloop`,
        paragraphs: [`Confirm that ${str(p.email)} is your address${ctx.organizationName ? ` to continue with ${org}` : ''}.`],
        action: { label: 'Confirm my email address', url: link('/verify-email', { token: str(p.token) }) },
        note: p.expiresAt
          ? `The link works once, until ${formatWhen(str(p.expiresAt))}. If you did not ask for it, ignore this email.`
          : 'If you did not ask for it, ignore this email.',
      };
    case 'signup_attempt':
      return {
        subject: 'Someone tried to sign up to hireloop with your email address',
        paragraphs: [
          `Someone (perhaps you) tried to create a new hireloop organization with ${str(p.email)}, which already has an account. Nothing was created and your account is unchanged.`,
          'If it was you, sign in instead; if you forgot your password, reset it from the sign-in page. Otherwise ignore this email.',
        ],
        action: { label: 'Sign in', url: link('/signin') },
      };
    case 'password_reset':
      return {
        subject: 'Reset your hireloop password',
        paragraphs: ['Someone (hopefully you) asked to reset the password of your hireloop account.'],
        action: { label: 'Choose a new password', url: link('/reset-password', { token: str(p.token) }) },
        note: `The link works once, within one hour (until ${formatWhen(str(p.expiresAt))}). If you did not ask for it, ignore this email: your password stays as it is.`,
      };
    case 'password_changed':
      return {
        subject: 'Your hireloop password was changed',
        paragraphs: [
          `The password of your hireloop account was changed on ${formatWhen(str(p.changedAt))}; every session signed in before then was signed out.`,
          'If it was you, there is nothing more to do. If it was not, choose a new password now with a reset link and tell your administrator.',
        ],
        action: { label: 'Reset my password', url: link('/forgot-password') },
      };
    case 'email_change':
      return {
        subject: 'Confirm your new hireloop sign-in address',
        paragraphs: [`Someone (hopefully you) asked to sign in to hireloop with ${str(p.newEmail)} from now on. Confirm that this address is yours.`],
        action: { label: 'Confirm my new address', url: link('/confirm-email-change', { token: str(p.token) }) },
        note: `The link works once, until ${formatWhen(str(p.expiresAt))}. If you did not ask for it, ignore this email: nothing changes.`,
      };
    case 'email_changed':
      return {
        subject: 'Your hireloop sign-in address was changed',
        paragraphs: [
          `On ${formatWhen(str(p.changedAt))} your hireloop account's sign-in address was changed from this one to ${str(p.newEmail)}; hireloop will write to that address from now on.`,
          'If it was you, there is nothing more to do. If it was not, tell your administrator at once: whoever changed it knew your password.',
        ],
      };
    case 'interview_scheduled':
    case 'interview_moved':
    case 'interview_cancelled': {
      const i = p as unknown as InterviewEmailParams;
      const what = `${i.roundName} interview with ${i.candidateName} (${i.roleTitle})`;
      const when = `${formatWhen(i.startsAt)} – ${formatWhen(i.endsAt)}`;
      const panel = i.interviewerNames?.length ? `Panel: ${i.interviewerNames.join(', ')}.` : '';
      if (template === 'interview_cancelled') {
        return {
          subject: `Cancelled: ${what}`,
          paragraphs: [`The ${what} on ${formatWhen(i.startsAt)} was cancelled. Your calendar entry is removed by the attached update.`],
        };
      }
      if (template === 'interview_moved') {
        return {
          subject: `Moved: ${what}`,
          paragraphs: [`The ${what} moved${i.previousStartsAt ? ` from ${formatWhen(i.previousStartsAt)}` : ''} to ${when}.`, panel].filter(Boolean),
          action: { label: 'Open the interview kit', url: link(`/interviews/${i.interviewId}`) },
        };
      }
      return {
        subject: `Interview: ${what}`,
        paragraphs: [
          `You are on the panel of the ${what}, ${when}.`,
          panel,
          'The calendar invitation is attached; the interview kit has the focus dimensions, rubric and questions.',
        ].filter(Boolean),
        action: { label: 'Open the interview kit', url: link(`/interviews/${i.interviewId}`) },
      };
    }
    case 'feedback_reminder':
      return {
        subject: `Reminder: your scorecard for ${str(p.roleTitle)} is due`,
        paragraphs: [
          `Your interview for ${str(p.roleTitle)} ended on ${formatWhen(str(p.interviewEndedAt))} and your scorecard is not submitted yet${Number(p.daysOverdue) > 0 ? ` (${Number(p.daysOverdue)} day(s) overdue)` : ''}.`,
          ...(nudgerName(p) ? [`${nudgerName(p)} is waiting for it to discuss the candidate.`] : []),
          'The panel decides with everyone’s written evidence; please submit it while the interview is fresh.',
        ],
        action: { label: 'Open your scorecard', url: link(`/interviews/${str(p.interviewId)}`) },
      };
    case 'feedback_escalation':
      return {
        subject: `Feedback overdue: ${str(p.interviewerName, 'an interviewer')} for ${str(p.roleTitle)}`,
        paragraphs: [
          `${str(p.interviewerName, 'An interviewer')} has not submitted the scorecard for an interview for ${str(p.roleTitle)} that ended on ${formatWhen(str(p.interviewEndedAt))} (${Number(p.daysOverdue)} day(s) overdue).`,
        ],
        action: { label: 'Open the debrief', url: link(`/applications/${str(p.applicationId)}/debrief`) },
      };
    case 'decision_recorded':
      return {
        subject: `Decision recorded: ${str(p.decision).replace('_', ' ')} for ${str(p.candidateName)} (${str(p.roleTitle)})`,
        paragraphs: [
          `${str(p.decidedByName, 'The hiring manager')} recorded the decision “${str(p.decision).replace('_', ' ')}” for ${str(p.candidateName)}, ${str(p.roleTitle)}.`,
        ],
        action: { label: 'Open the debrief', url: link(`/applications/${str(p.applicationId)}/debrief`) },
      };
    case 'self_identification':
      // The web app routes by hash: the token stays in the fragment, which browsers never send with the page request.
      return {
        subject: `${org}: voluntary self-identification for your application`,
        paragraphs: [
          `Thank you for applying for ${str(p.roleTitle, 'a role')} at ${org}. To help ${org} check that its hiring process treats every group of candidates fairly, you are invited to answer a short, voluntary self-identification form (sex, race or ethnicity, veteran status, disability).`,
          'Answering is optional, and every question has a "decline to answer" choice. Your answers are kept apart from your application: interviewers and the hiring team never see them, and they play no part in any decision about you.',
        ],
        action: { label: 'Open the form', url: link(`/#/self-identification/${str(p.token)}`) },
        note: `The link works once, until ${formatWhen(str(p.expiresAt))}.`,
      };
  }
}

/** Subject, text and HTML of one email. Throws on an unknown template (a programming error). */
export function renderEmail(template: EmailTemplate, params: EmailParams, ctx: RenderContext): RenderedEmail {
  if (!EMAIL_TEMPLATES.includes(template)) throw new Error(`unknown email template ${String(template)}`);
  const b = body(template, params, ctx);
  const essential = isAlwaysSent(template);
  const preferencesUrl = essential
    ? null
    : appLink(ctx.appUrl, '/settings/notifications', ctx.preferencesToken ? { token: ctx.preferencesToken } : {});
  const greeting = ctx.recipientName ? `Hello ${ctx.recipientName},` : 'Hello,';
  const footer = [
    ctx.organizationName ? `Sent by hireloop on behalf of ${ctx.organizationName}.` : 'Sent by hireloop.',
    ...(preferencesUrl ? [`Choose which emails you get: ${preferencesUrl}`] : []),
  ];

  const text = [
    greeting,
    '',
    ...b.paragraphs.flatMap((p) => [p, '']),
    ...(b.action ? [`${b.action.label}: ${b.action.url}`, ''] : []),
    ...(b.note ? [b.note, ''] : []),
    '-- ',
    ...footer,
    '',
  ].join('\n');

  const e = escapeHtml;
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family: system-ui, -apple-system, Segoe UI, sans-serif; color: #1f2328; line-height: 1.5; max-width: 560px; margin: 0 auto; padding: 24px;">',
    ctx.organizationName ? `<p style="color:#57606a;font-size:13px;margin:0 0 16px">${e(ctx.organizationName)}</p>` : '',
    `<p>${e(greeting)}</p>`,
    ...b.paragraphs.map((p) => `<p>${e(p)}</p>`),
    b.action
      ? `<p><a href="${e(b.action.url)}" style="display:inline-block;background:#1f6feb;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${e(b.action.label)}</a></p><p style="font-size:13px;color:#57606a">Or open: <a href="${e(b.action.url)}">${e(b.action.url)}</a></p>`
      : '',
    b.note ? `<p style="font-size:13px;color:#57606a">${e(b.note)}</p>` : '',
    '<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">',
    `<p style="font-size:12px;color:#57606a">${e(footer[0])}${preferencesUrl ? ` <a href="${e(preferencesUrl)}">Email preferences</a>` : ''}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: headerText(b.subject, MAX_SUBJECT_LENGTH), text, html };
}
