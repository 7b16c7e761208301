import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANIZATION_SETTINGS, OrganizationSettings, organizationSettings } from '../organizations/organization.entity';
import { WebhookDeliveryService } from '../notifications/webhook-delivery.service';
import { EmailRequests } from '../email/email-requests';
import { EndedInterview, MAX_REMINDER_STEP, planReminders, PlannedNotification } from './reminder-planner';

export interface ReminderScanResult {
  /** Ended interviews with at least one missing scorecard that the scan looked at. */
  interviewsScanned: number;
  /** Notifications planned (including those already sent by an earlier scan). */
  planned: number;
  /** Notifications actually inserted by this scan. */
  created: number;
  webhooksQueued: number;
}

interface EndedInterviewRow {
  id: string;
  organization_id: string;
  application_id: string;
  role_id: string;
  role_title: string;
  ends_at: Date;
  ends_at_key: string;
  interviewer_ids: string[];
  submitted_ids: string[];
  hiring_manager_id: string | null;
  settings: Partial<OrganizationSettings> | null;
}

interface InsertedNotificationRow {
  id: string;
  organization_id: string;
  recipient_member_id: string;
  kind: string;
  interview_id: string;
  interviewer_id: string;
  step: number;
  payload: Record<string, unknown>;
  created_at: Date;
}

const BATCH_SIZE = 500;
/** Largest `reminderAfterHours` an organization can set (see the organization settings DTO). */
const MAX_REMINDER_AFTER_HOURS = 720;

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
    private readonly webhooks: WebhookDeliveryService,
  ) {}

  async scan(now: Date): Promise<ReminderScanResult> {
    const result: ReminderScanResult = { interviewsScanned: 0, planned: 0, created: 0, webhooksQueued: 0 };
    let after: { endsAt: string; id: string } | null = null;
    for (;;) {
      const rows = await this.endedInterviews(now, after, BATCH_SIZE);
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

  /**
   * Interviews (of active applications) that ended within the reminder window and still miss a submitted scorecard
   * from an active interviewer. The window is exact per organization; the index range around it is a superset.
   */
  private endedInterviews(now: Date, after: { endsAt: string; id: string } | null, limit: number): Promise<EndedInterviewRow[]> {
    const hours = `CASE WHEN jsonb_typeof(o.settings->'reminderAfterHours') = 'number' THEN (o.settings->>'reminderAfterHours')::double precision ELSE $2 END`;
    return this.dataSource.query(
      `SELECT i.id, i.organization_id, i.application_id, i.role_id, r.title AS role_title, i.ends_at, i.ends_at::text AS ends_at_key,
              ARRAY(SELECT m.id FROM members m WHERE m.id = ANY(i.interviewer_ids) AND m.organization_id = i.organization_id AND m.status = 'active') AS interviewer_ids,
              ARRAY(SELECT s.interviewer_id FROM scorecards s WHERE s.interview_id = i.id AND s.status = 'submitted') AS submitted_ids,
              CASE WHEN hm.status = 'active' THEN r.hiring_manager_id END AS hiring_manager_id,
              o.settings
         FROM interviews i
         JOIN applications a ON a.id = i.application_id AND a.status = 'active'
         JOIN roles r ON r.id = i.role_id
         JOIN organizations o ON o.id = i.organization_id
         LEFT JOIN members hm ON hm.id = r.hiring_manager_id
        WHERE i.status = 'scheduled'
          AND i.ends_at <= $1::timestamptz
          AND i.ends_at > $1::timestamptz - make_interval(hours => $3)
          AND i.ends_at + make_interval(secs => ${hours} * 3600) <= $1::timestamptz
          AND i.ends_at + make_interval(secs => ${hours} * 3600) > $1::timestamptz - make_interval(days => $4)
          AND EXISTS (
                SELECT 1 FROM unnest(i.interviewer_ids) AS x(interviewer_id)
                 WHERE NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = i.id AND s.interviewer_id = x.interviewer_id AND s.status = 'submitted'))
          ${after ? 'AND (i.ends_at, i.id) > ($6::timestamptz, $7::uuid)' : ''}
        ORDER BY i.ends_at, i.id
        LIMIT $5`,
      [
        now.toISOString(),
        DEFAULT_ORGANIZATION_SETTINGS.reminderAfterHours,
        MAX_REMINDER_AFTER_HOURS + (MAX_REMINDER_STEP + 1) * 24,
        MAX_REMINDER_STEP + 1,
        limit,
        ...(after ? [after.endsAt, after.id] : []),
      ],
    );
  }

  /** Inserts the planned notifications that do not exist yet and queues their webhooks, in one transaction. */
  private async store(
    planned: PlannedNotification[],
    settings: Map<string, OrganizationSettings>,
  ): Promise<{ created: number; webhooksQueued: number }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: InsertedNotificationRow[] = await manager.query(
        `INSERT INTO notifications (organization_id, recipient_member_id, kind, interview_id, interviewer_id, step, payload)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::int[], $7::jsonb[])
         ON CONFLICT ON CONSTRAINT notifications_once_key DO NOTHING
         RETURNING id, organization_id, recipient_member_id, kind, interview_id, interviewer_id, step, payload, created_at`,
        [
          planned.map((p) => p.organizationId),
          planned.map((p) => p.recipientMemberId),
          planned.map((p) => p.kind),
          planned.map((p) => p.interviewId),
          planned.map((p) => p.interviewerId),
          planned.map((p) => p.step),
          planned.map((p) => JSON.stringify(p.payload)),
        ],
      );
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
