import type { Page } from '../common/pagination';
import type { RoundKind } from '../roles/loop-snapshot';
import type { InterviewStatus } from './interview.entity';
import type { InterviewWithRound, MyInterviewRow } from './interviews.repository';

export interface InterviewRoundView {
  id: string;
  name: string | null;
  kind: RoundKind | null;
}

/** The shape the API returns for an interview (InterviewResponseDto implements it). */
export interface InterviewView {
  id: string;
  applicationId: string;
  roleId: string;
  round: InterviewRoundView;
  loopVersionId: string;
  loopVersionNumber: number;
  interviewerIds: string[];
  interviewers: { id: string; name: string }[];
  startsAt: string;
  endsAt: string;
  status: InterviewStatus;
  createdAt: string;
}

export function interviewView(i: InterviewWithRound): InterviewView {
  return {
    id: i.id,
    applicationId: i.applicationId,
    roleId: i.roleId,
    round: { id: i.roundId, name: i.roundName, kind: i.roundKind },
    loopVersionId: i.loopVersionId,
    loopVersionNumber: i.loopVersionNumber,
    interviewerIds: i.interviewerIds,
    interviewers: i.interviewers,
    startsAt: new Date(i.startsAt).toISOString(),
    endsAt: new Date(i.endsAt).toISOString(),
    status: i.status,
    createdAt: new Date(i.createdAt).toISOString(),
  };
}

/** An interview in the caller's own lists (MyInterviewDto implements it). */
export interface MyInterviewView {
  id: string;
  applicationId: string;
  candidateName: string;
  roleId: string;
  roleTitle: string;
  round: InterviewRoundView;
  startsAt: string;
  endsAt: string;
  /** The caller's scorecard for this interview: `none` or its status. */
  scorecardStatus: string;
  scorecardId: string | null;
  scorecardSubmittedAt?: string | null;
  feedbackDueAt: string;
  feedbackOverdue: boolean;
}

export interface MyInterviewsView {
  upcoming: MyInterviewView[];
  awaitingFeedback: MyInterviewView[];
  completed: MyInterviewView[];
}

export type MyCompletedInterviewPage = Page<MyInterviewView> & { total?: number };

/** `dueAt`: when the caller's scorecard is due (the interview's end plus the organization's reminderAfterHours). */
export function myInterviewView(row: MyInterviewRow, dueAt: Date, now: Date): MyInterviewView {
  return {
    id: row.id,
    applicationId: row.applicationId,
    candidateName: row.candidateName,
    roleId: row.roleId,
    roleTitle: row.roleTitle,
    round: { id: row.roundId, name: row.roundName, kind: row.roundKind },
    startsAt: new Date(row.startsAt).toISOString(),
    endsAt: new Date(row.endsAt).toISOString(),
    scorecardStatus: row.scorecardStatus ?? 'none',
    scorecardId: row.scorecardId,
    scorecardSubmittedAt: row.scorecardSubmittedAt ? new Date(row.scorecardSubmittedAt).toISOString() : null,
    feedbackDueAt: dueAt.toISOString(),
    feedbackOverdue: row.scorecardStatus !== 'submitted' && dueAt.getTime() <= now.getTime(),
  };
}
