import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { EmailRequests } from '../email/email-requests';
import { assertNoDoubleBooking } from './interview-conflicts';
import { InterviewView, interviewView } from './interview-view';
import { assertInterviewWindow } from './interview-window';
import { InterviewsRepository } from './interviews.repository';

/** An interview's new time (MoveInterviewRequestDto implements it). */
export interface MoveInterviewInput {
  startsAt: string;
  endsAt: string;
  /** Move even when an interviewer is already booked at an overlapping time. */
  allowConflict?: boolean;
}

/** Moving a scheduled interview to another time; each interviewer gets an updated calendar invitation. */
@Injectable()
export class InterviewMovesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly interviews: InterviewsRepository,
    private readonly audit: AuditService,
  ) {}

  async move(auth: AuthContext, interviewId: string, dto: MoveInterviewInput): Promise<InterviewView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    assertInterviewWindow(startsAt, endsAt, { now: new Date(), graceMinutes: this.config.INTERVIEW_START_GRACE_MINUTES });
    await this.dataSource.transaction(async (manager) => {
      const interview = await this.interviews.lockById(manager, auth.organizationId, interviewId, 'update');
      if (!interview) throw AppError.notFound('Interview', interviewId);
      if (interview.status !== 'scheduled')
        throw AppError.conflict('interview_not_scheduled', `The interview is ${interview.status}; only scheduled interviews move.`);
      if ((await this.interviews.feedbackCount(manager, auth.organizationId, interviewId)) > 0) {
        throw AppError.conflict('interview_has_feedback', 'Feedback was submitted for this interview; it cannot be moved.');
      }
      const before = { startsAt: new Date(interview.startsAt), endsAt: new Date(interview.endsAt) };
      if (before.startsAt.getTime() === startsAt.getTime() && before.endsAt.getTime() === endsAt.getTime()) return; // nothing moved, nothing sent
      await assertNoDoubleBooking(this.interviews, manager, auth.organizationId, {
        interviewerIds: interview.interviewerIds,
        startsAt,
        endsAt,
        excludeInterviewId: interviewId,
        allowConflict: dto.allowConflict,
      });
      await this.interviews.update(manager, auth.organizationId, interviewId, { startsAt, endsAt });
      await this.audit.record(manager, auth, {
        action: 'interview.moved',
        entityType: 'interview',
        entityId: interviewId,
        before: { startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString() },
        after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      });
      await EmailRequests.interviewChanged(manager, auth.organizationId, interviewId, 'moved', { startsAt: before.startsAt });
    });
    const [row] = await this.interviews.withRounds(auth.organizationId, { interviewId });
    return interviewView(row);
  }
}
