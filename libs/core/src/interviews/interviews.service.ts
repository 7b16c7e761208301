import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AuditService } from '../audit/audit.service';
import { ApplicationsRepository } from '../candidates/applications.repository';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { CountedPageQueryDto, pageLimit, toPage, withTotal } from '../common/pagination';
import { EmailRequests } from '../email/email-requests';
import { MembersRepository } from '../members/members.repository';
import { DEFAULT_ORGANIZATION_SETTINGS, organizationSettings, OrganizationSettings } from '../organizations/organization.entity';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { feedbackDueAt } from '../reminders/reminder-planner';
import { CompletedInterviewsRepository } from './completed-interviews.repository';
import { assertNoDoubleBooking } from './interview-conflicts';
import { InterviewView, interviewView, MyCompletedInterviewPage, MyInterviewsView, MyInterviewView, myInterviewView } from './interview-view';
import { assertInterviewWindow } from './interview-window';
import { InterviewsRepository, MyInterviewRow } from './interviews.repository';

/** What scheduling an interview needs (ScheduleInterviewRequestDto implements it). */
export interface ScheduleInterviewInput {
  roundId: string;
  interviewerIds: string[];
  startsAt: string;
  endsAt: string;
  /** Schedule even when an interviewer is already booked at an overlapping time. */
  allowConflict?: boolean;
}

export interface MyInterviewsQuery {
  /** Maximum items in each list (50 when absent). */
  limit?: number;
}

export interface MyCompletedInterviewsQuery extends CountedPageQueryDto {
  /** Searches the candidate's name and the role's title. */
  q?: string;
}

/** Scheduling and cancelling interviews (recruiters, admins), and an interviewer's own list. */
@Injectable()
export class InterviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly interviews: InterviewsRepository,
    private readonly applications: ApplicationsRepository,
    private readonly members: MembersRepository,
    private readonly completedInterviews: CompletedInterviewsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Schedules a round of an active application. The interview pins the role's current loop version: its kit and
   * scorecards use that version even if the loop changes later.
   */
  async schedule(auth: AuthContext, applicationId: string, dto: ScheduleInterviewInput): Promise<InterviewView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    assertInterviewWindow(startsAt, endsAt, { now: new Date(), graceMinutes: this.config.INTERVIEW_START_GRACE_MINUTES });

    const interviewId = await this.dataSource.transaction(async (manager) => {
      const org = auth.organizationId;
      const application = await this.applications.lockById(manager, org, applicationId, 'update');
      if (!application) throw AppError.notFound('Application', applicationId);
      if (application.status !== 'active' || application.decidedAt) {
        throw AppError.conflict('application_not_active', `The application is ${application.status}; only active applications are interviewed.`);
      }
      // Share-locking the role keeps its loop (and current version) still until the interview is in.
      const role = await this.applications.shareLockRole(manager, org, application.roleId);
      if (!role) throw AppError.notFound('Role', application.roleId);
      if (role.status !== 'open')
        throw AppError.conflict('role_not_open', `The role is ${role.status}; interviews are scheduled for open roles only.`);
      const version = role.currentLoopVersionId ? await this.interviews.loopVersion(org, role.currentLoopVersionId, manager) : null;
      const round = version?.snapshot.rounds.find((r) => r.id === dto.roundId);
      if (!version || !round)
        throw AppError.invalid(
          'roundId',
          `roundId is not a round of this role's current loop${version ? ` (version ${version.number})` : ''}`,
          'unknown_round',
        );

      const missing = await this.members.missingWithRole(org, dto.interviewerIds, 'interviewer', manager);
      if (missing.length > 0) {
        throw AppError.invalidFields([
          { field: 'interviewerIds', message: `not active members holding the interviewer role: ${missing.join(', ')}`, code: 'not_interviewers' },
        ]);
      }

      await assertNoDoubleBooking(this.interviews, manager, org, {
        interviewerIds: dto.interviewerIds,
        startsAt,
        endsAt,
        allowConflict: dto.allowConflict,
      });
      const interview = await this.interviews.insert(manager, {
        organizationId: org,
        applicationId,
        roleId: role.id,
        roundId: round.id,
        loopVersionId: version.id,
        interviewerIds: dto.interviewerIds,
        startsAt,
        endsAt,
      });
      await this.audit.record(manager, auth, {
        action: 'interview.scheduled',
        entityType: 'interview',
        entityId: interview.id,
        after: {
          applicationId,
          roundId: round.id,
          loopVersionId: version.id,
          interviewerIds: dto.interviewerIds,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
        },
      });
      await EmailRequests.interviewChanged(manager, org, interview.id, 'scheduled');
      return interview.id;
    });
    return this.describe(auth, interviewId);
  }

  /** Cancels an interview without feedback (cancelling twice is a no-op). */
  async cancel(auth: AuthContext, interviewId: string): Promise<InterviewView> {
    await this.dataSource.transaction(async (manager) => {
      const interview = await this.interviews.lockById(manager, auth.organizationId, interviewId, 'update');
      if (!interview) throw AppError.notFound('Interview', interviewId);
      if (interview.status === 'cancelled') return;
      if ((await this.interviews.feedbackCount(manager, auth.organizationId, interviewId)) > 0) {
        throw AppError.conflict('interview_has_feedback', 'Feedback was submitted for this interview; it cannot be cancelled.');
      }
      await this.interviews.update(manager, auth.organizationId, interviewId, { status: 'cancelled' });
      await this.audit.record(manager, auth, {
        action: 'interview.cancelled',
        entityType: 'interview',
        entityId: interviewId,
        before: { status: 'scheduled' },
        after: { status: 'cancelled' },
      });
      await EmailRequests.interviewChanged(manager, auth.organizationId, interviewId, 'cancelled');
    });
    return this.describe(auth, interviewId);
  }

  async mine(auth: AuthContext, query: MyInterviewsQuery): Promise<MyInterviewsView> {
    const lists = await this.interviews.myInterviewLists(auth.organizationId, auth.memberId, query.limit ?? 50);
    const toMine = myInterviewMapper(organizationSettings({ settings: lists.settings ?? {} }));
    return { upcoming: lists.upcoming.map(toMine), awaitingFeedback: lists.awaitingFeedback.map(toMine), completed: lists.completed.map(toMine) };
  }

  /** The caller's completed interviews, searched (candidate name, role title), counted and paged. */
  async completed(auth: AuthContext, query: MyCompletedInterviewsQuery): Promise<MyCompletedInterviewPage> {
    const [rows, total, settings] = await Promise.all([
      this.completedInterviews.page(auth.organizationId, auth.memberId, { q: query.q, cursor: query.cursor, limit: pageLimit(query) }),
      query.withTotal ? this.completedInterviews.count(auth.organizationId, auth.memberId, query) : undefined,
      this.organizations.settings(auth.organizationId),
    ]);
    const toMine = myInterviewMapper(settings ?? DEFAULT_ORGANIZATION_SETTINGS);
    return withTotal(
      toPage(rows, pageLimit(query), (row) => this.completedInterviews.cursorOf(row), toMine),
      total,
    );
  }

  private async describe(auth: AuthContext, interviewId: string): Promise<InterviewView> {
    const [row] = await this.interviews.withRounds(auth.organizationId, { interviewId });
    if (!row) throw AppError.notFound('Interview', interviewId);
    return interviewView(row);
  }
}

/** Maps the caller's rows with their feedback due time, which follows the organization's reminderAfterHours. */
function myInterviewMapper(settings: OrganizationSettings): (row: MyInterviewRow) => MyInterviewView {
  const reminder = { reminderAfterHours: Number(settings.reminderAfterHours) || 0, escalateAfterDays: 0 };
  const now = new Date();
  return (row: MyInterviewRow) => myInterviewView(row, feedbackDueAt(new Date(row.endsAt), reminder), now);
}
