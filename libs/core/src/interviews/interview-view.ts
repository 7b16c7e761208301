import type { RoundKind } from '../roles/loop-snapshot';
import type { InterviewStatus } from './interview.entity';
import type { InterviewWithRound } from './interviews.repository';

/** The shape the API returns for an interview (InterviewResponseDto mirrors it). */
export interface InterviewView {
  id: string;
  applicationId: string;
  roleId: string;
  round: { id: string; name: string | null; kind: RoundKind | null };
  loopVersionId: string;
  loopVersionNumber: number;
  interviewerIds: string[];
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
    startsAt: new Date(i.startsAt).toISOString(),
    endsAt: new Date(i.endsAt).toISOString(),
    status: i.status,
    createdAt: new Date(i.createdAt).toISOString(),
  };
}
