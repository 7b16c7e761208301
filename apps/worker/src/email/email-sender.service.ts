import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { SendMailOptions, SMTPTransportOptions, Transporter } from 'nodemailer';
import { AppConfig } from '@hireloop/config';
import { ClaimedEmailDelivery, EmailDeliveriesRepository } from '@hireloop/core/email/email-deliveries.repository';
import { CalendarMethod, interviewCalendar } from '@hireloop/core/email/email-calendar';
import { InterviewEmailParams, renderEmail } from '@hireloop/core/email/email-templates';
import { appLink } from '@hireloop/core/email/email-text';
import { preferenceCategory, preferencesLinkKey, signPreferencesToken } from '@hireloop/core/email/email-preferences';
import { parseMasterKey } from '@hireloop/core/audit/personal-data-cipher';
import { EmailTokens } from '@hireloop/core/email/email-tokens';
import { emailRetryDelayMs, EmailRetryPolicy, emailRetryWindowMs, isPermanentSmtpFailure } from './email-retry';

export type EmailAttemptOutcome =
  { outcome: 'sent' | 'failed' | 'skipped' | 'already_done' | 'not_found' } | { outcome: 'retry'; retryAt: Date; busy?: boolean };

/** `Name <address>` or `address` → its parts (MAIL_FROM is validated at boot). */
export function parseMailFrom(from: string): { name: string; address: string } {
  const match = /^(.*?)\s*<([^<>]+)>$/.exec(from.trim());
  return match ? { name: match[1].replace(/^"|"$/g, ''), address: match[2] } : { name: '', address: from.trim() };
}

/** Where mail goes: SMTP_URL, or the development mailbox the API runs on loopback. */
export function smtpTarget(config: Pick<AppConfig, 'SMTP_URL' | 'DEV_MAILBOX_PORT' | 'NODE_ENV'>): string | null {
  if (config.SMTP_URL) return config.SMTP_URL;
  if (config.NODE_ENV !== 'production' && config.DEV_MAILBOX_PORT > 0) return `smtp://127.0.0.1:${config.DEV_MAILBOX_PORT}`;
  return null;
}

const CALENDAR_METHOD: Partial<Record<string, CalendarMethod>> = {
  interview_scheduled: 'REQUEST',
  interview_moved: 'REQUEST',
  interview_cancelled: 'CANCEL',
};

/**
 * One delivery attempt: claim the row (pending → sending), render it, hand it to the SMTP server, record the outcome.
 *
 * Exactly-once as far as this service can make it: the send happens only after this worker won the claim, and
 * the row is final once `sent`. What remains is at-least-once in one window: the SMTP server accepted the message
 * but the `sent` mark was lost (the worker died or PostgreSQL was unreachable right then); after the claim's lease
 * the message is sent again, with the same Message-ID (`<delivery id@hireloop>`) so that mail systems that
 * de-duplicate by Message-ID show it once.
 */
@Injectable()
export class EmailSenderService implements OnModuleDestroy {
  private readonly logger = new Logger(EmailSenderService.name);
  private readonly target: string | null;
  private readonly transport: Transporter | null;
  readonly policy: EmailRetryPolicy;
  /** A claim older than this is taken to belong to a worker that died: longer than any one send may take. */
  readonly leaseMs: number;
  private readonly from: { name: string; address: string };
  private readonly preferencesKey: Buffer;

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: EmailDeliveriesRepository,
    private readonly tokens: EmailTokens,
  ) {
    this.target = smtpTarget(config);
    const timeout = config.EMAIL_SMTP_TIMEOUT_MS;
    this.transport = this.target
      ? nodemailer.createTransport({
          url: this.target,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
          disableFileAccess: true,
          disableUrlAccess: true,
        } as SMTPTransportOptions)
      : null;
    this.policy = { maxAttempts: config.EMAIL_MAX_ATTEMPTS, baseDelayMs: config.EMAIL_RETRY_DELAY_MS, maxDelayMs: config.EMAIL_RETRY_MAX_DELAY_MS };
    this.leaseMs = 3 * timeout + 30_000;
    this.from = parseMailFrom(config.MAIL_FROM);
    this.preferencesKey = preferencesLinkKey(parseMasterKey(config.DATA_ENCRYPTION_KEY));
    const where = this.target
      ? config.SMTP_URL
        ? `SMTP_URL (${new URL(this.target).host})`
        : `the development mailbox on ${this.target} (see /dev/mailbox)`
      : 'nowhere: SMTP_URL is not set';
    this.logger.log(`email goes to ${where}; ${this.policy.maxAttempts} attempts over ${Math.round(emailRetryWindowMs(this.policy) / 1000)} s`);
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  async attempt(deliveryId: string): Promise<EmailAttemptOutcome> {
    const claim = await this.deliveries.claim(deliveryId, this.leaseMs);
    if (claim.state === 'busy') return { outcome: 'retry', retryAt: claim.retryAt, busy: true };
    if (claim.state !== 'claimed') return { outcome: claim.state === 'missing' ? 'not_found' : 'already_done' };
    const delivery = claim.delivery;
    // Preferences are read at send time, so turning a category off also stops what is already queued.
    const category = preferenceCategory(delivery.template);
    const recipient = category ? await this.deliveries.recipientPreferences(delivery.recipientEmail) : null;
    if (category && recipient && !recipient.preferences[category]) {
      await this.deliveries.markSkipped(deliveryId, `skipped: the recipient turned ${category} emails off`);
      return { outcome: 'skipped' };
    }

    let message: SendMailOptions;
    try {
      message = this.compose(delivery, recipient?.userId ?? null);
    } catch (error) {
      await this.deliveries.markFailed(deliveryId, `could not render the email: ${(error as Error).message}`);
      return { outcome: 'failed' };
    }
    if (!this.transport) {
      return this.failedAttempt(delivery, { message: 'SMTP_URL is not set' });
    }
    let messageId: string | null = null;
    try {
      const info = await this.transport.sendMail(message);
      messageId = info.messageId ?? null;
    } catch (error) {
      return this.failedAttempt(delivery, error as Error & { responseCode?: number; code?: string });
    }
    await this.deliveries.markSent(deliveryId, messageId);
    return { outcome: 'sent' };
  }

  private async failedAttempt(
    delivery: ClaimedEmailDelivery,
    error: { message?: string; responseCode?: number; code?: string },
  ): Promise<EmailAttemptOutcome> {
    const text = `attempt ${delivery.attempts}: ${[error.code, error.responseCode].filter(Boolean).join(' ')}${error.code || error.responseCode ? ' ' : ''}${error.message ?? 'unknown error'}`;
    if (isPermanentSmtpFailure(error) || delivery.attempts >= this.policy.maxAttempts) {
      await this.deliveries.markFailed(delivery.id, text);
      this.logger.warn(`email ${delivery.id} (${delivery.template}) failed permanently: ${text}`);
      return { outcome: 'failed' };
    }
    await this.deliveries.markRetry(delivery.id, text);
    return { outcome: 'retry', retryAt: new Date(Date.now() + emailRetryDelayMs(delivery.attempts, this.policy)) };
  }

  /** The message of a delivery: text and HTML parts, and for interviews an iCalendar invitation or cancellation. */
  compose(delivery: ClaimedEmailDelivery, recipientUserId: string | null = null): SendMailOptions {
    const appUrl = this.config.PUBLIC_APP_URL;
    const category = preferenceCategory(delivery.template);
    const preferencesToken = category && recipientUserId ? signPreferencesToken(this.preferencesKey, recipientUserId) : null;
    const params = this.tokens.open(delivery.params, { template: delivery.template, recipientEmail: delivery.recipientEmail });
    const rendered = renderEmail(delivery.template, params, {
      organizationName: delivery.organizationName,
      recipientName: delivery.recipientName,
      appUrl,
      preferencesToken,
    });
    const method = CALENDAR_METHOD[delivery.template];
    const interview = params as unknown as InterviewEmailParams;
    return {
      from: this.from.name ? { name: this.from.name, address: this.from.address } : this.from.address,
      to: delivery.recipientName ? { name: delivery.recipientName, address: delivery.recipientEmail } : delivery.recipientEmail,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: `<${delivery.id}@hireloop>`,
      headers: {
        'Auto-Submitted': 'auto-generated',
        'X-Hireloop-Delivery': delivery.id,
        'X-Hireloop-Template': delivery.template,
        // RFC 8058 one-click unsubscribe from this category (RFC 2369 List-Unsubscribe with an HTTPS URI in production).
        ...(category && preferencesToken
          ? {
              'List-Unsubscribe': `<${appLink(appUrl, `/v1/email-preferences/${preferencesToken}/unsubscribe`, { category })}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : {}),
      },
      ...(method
        ? {
            icalEvent: {
              method,
              filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
              content: interviewCalendar(interview, {
                method,
                organizer: { name: this.from.name || 'hireloop', email: this.from.address },
                attendee: { name: delivery.recipientName, email: delivery.recipientEmail },
                url: appLink(appUrl, `/interviews/${interview.interviewId}`),
              }),
            },
          }
        : {}),
    };
  }
}
