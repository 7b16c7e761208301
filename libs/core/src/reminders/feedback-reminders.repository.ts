import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_ORGANIZATION_SETTINGS, OrganizationSettings } from '../organizations/organization.entity';
import { MAX_REMINDER_STEP } from './reminder-planner';

/** An ended interview as the reminder scan reads it, with its organization's settings. */
export interface EndedInterviewRow {
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

/** Largest `reminderAfterHours` an organization can set (see the organization settings DTO). */
const MAX_REMINDER_AFTER_HOURS = 720;

/** The feedback-reminder scan's read, across every organization (a worker job), in keyset batches. */
@Injectable()
export class FeedbackRemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Interviews (of active applications) that ended within the reminder window and still miss a submitted scorecard
   * from an active interviewer. The window is exact per organization; the index range around it is a superset.
   */
  endedInterviewsMissingFeedback(now: Date, after: { endsAt: string; id: string } | null, limit: number): Promise<EndedInterviewRow[]> {
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
}
