import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANIZATION_SETTINGS, OrganizationSettings, organizationSettings } from '../organizations/organization.entity';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { WebhookDeliveryService } from '../notifications/webhook-delivery.service';
import { EmailRequests } from '../email/email-requests';
import { EndedInterviewRow, FeedbackRemindersRepository } from './feedback-reminders.repository';
import { EndedInterview, planReminders, PlannedNotification } from './reminder-planner';

export interface ReminderScanResult {
  /** Ended interviews with at least one missing scorecard that the scan looked at. */
  interviewsScanned: number;
  /** Notifications planned (including those already sent by an earlier scan). */
  planned: number;
  /** Notifications actually inserted by this scan. */
  created: number;
  webhooksQueued: number;
}

const BATCH_SIZE = 500;

/**
 * The feedback-reminder scan: finds interviews that ended without every scorecard submitted, plans the reminders
 * due at `now` (pure `planReminders`) and stores them with INSERT … ON CONFLICT DO NOTHING on
 * (interview, interviewer, kind, step), so overlapping scans and several workers never send one twice. Each new
 * notification of an organization with a webhook gets a signed webhook delivery, queued through the outbox in the
 * same transaction. Walks all organizations in batches (keyset on the interview's end), never everything at once.
 */
@Injectable()
export class FeedbackRemindersService {
  private readonly logger = new Logger(FeedbackRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: FeedbackRemindersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly webhooks: WebhookDeliveryService,
  ) {}

  async scan(now: Date): Promise<ReminderScanResult> {
    const result: ReminderScanResult = { interviewsScanned: 0, planned: 0, created: 0, webhooksQueued: 0 };
    let after: { endsAt: string; id: string } | null = null;
    for (;;) {
      const rows = await this.reminders.endedInterviewsMissingFeedback(now, after, BATCH_SIZE);
      if (rows.length === 0) break;
      result.interviewsScanned += rows.length;
      const settings = new Map(rows.map((r) => [r.organization_id, organizationSettings({ settings: r.settings ?? {} })]));
      const planned = planReminders(rows.map(toEndedInterview), now, (org) => sanitize(settings.get(org)));
      result.planned += planned.length;
      if (planned.length > 0) {
        const stored = await this.store(planned, settings);
        result.created += stored.created;
        result.webhooksQueued += stored.webhooksQueued;
      }
      if (rows.length < BATCH_SIZE) break;
      const last = rows[rows.length - 1];
      after = { endsAt: last.ends_at_key, id: last.id };
    }
    if (result.created > 0)
      this.logger.log(`reminder scan at ${now.toISOString()}: ${result.created} new notifications, ${result.webhooksQueued} webhooks`);
    return result;
  }

  /** Inserts the planned notifications that do not exist yet and queues their webhooks, in one transaction. */
  private async store(
    planned: PlannedNotification[],
    settings: Map<string, OrganizationSettings>,
  ): Promise<{ created: number; webhooksQueued: number }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.notifications.insertPlanned(manager, planned);
      // Each new reminder or escalation is also emailed, with a link to the scorecard (or the debrief).
      await EmailRequests.feedbackNotifications(manager, inserted);
      let webhooksQueued = 0;
      for (const row of inserted) {
        const url = settings.get(row.organization_id)?.webhookUrl;
        if (!url) continue;
        const id = randomUUID();
        await this.webhooks.create(manager, {
          id,
          organizationId: row.organization_id,
          notificationId: row.id,
          event: row.kind,
          url,
          body: {
            id,
            event: row.kind,
            createdAt: row.created_at.toISOString(),
            organizationId: row.organization_id,
            data: {
              notificationId: row.id,
              recipientMemberId: row.recipient_member_id,
              interviewId: row.interview_id,
              interviewerId: row.interviewer_id,
              step: row.step,
              ...row.payload,
            },
          },
        });
        webhooksQueued += 1;
      }
      return { created: inserted.length, webhooksQueued };
    });
  }
}

function toEndedInterview(row: EndedInterviewRow): EndedInterview {
  return {
    interviewId: row.id,
    organizationId: row.organization_id,
    applicationId: row.application_id,
    roleId: row.role_id,
    roleTitle: row.role_title,
    endsAt: row.ends_at,
    interviewerIds: row.interviewer_ids,
    submittedInterviewerIds: row.submitted_ids,
    hiringManagerId: row.hiring_manager_id,
  };
}

/** Settings as the planner needs them; anything malformed falls back to the defaults. */
function sanitize(settings: OrganizationSettings | undefined): { reminderAfterHours: number; escalateAfterDays: number } {
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  return {
    reminderAfterHours: num(settings?.reminderAfterHours, DEFAULT_ORGANIZATION_SETTINGS.reminderAfterHours),
    escalateAfterDays: num(settings?.escalateAfterDays, DEFAULT_ORGANIZATION_SETTINGS.escalateAfterDays),
  };
}
