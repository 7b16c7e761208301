import type { Application, Interview, MyInterview } from '../api/types';

/** Lists carry flat labels (`candidateName`, `roleTitle`; the round as `round.name`): one shape per list. */
export function candidateNameOf(x: Pick<Application | MyInterview, 'candidateName'>): string {
  return x.candidateName || 'Candidate';
}

export function roleTitleOf(x: Pick<Application | MyInterview, 'roleTitle'>): string {
  return x.roleTitle || 'Role';
}

export function roundNameOf(x: Pick<Interview | MyInterview, 'round'>): string {
  return x.round.name ?? 'Interview';
}

export function interviewerIdsOf(x: Pick<Interview, 'interviewerIds'>): string[] {
  return x.interviewerIds;
}
