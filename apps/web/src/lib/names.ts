import type { Application, Interview } from '../api/types';

/** Lists answer either with nested refs (`candidate: {name}`) or flat labels (`candidateName`); read both. */
export function candidateNameOf(x: Partial<Application & Interview>): string {
  return x.candidate?.name ?? x.candidateName ?? 'Candidate';
}

export function roleTitleOf(x: Partial<Application & Interview>): string {
  return x.role?.title ?? x.roleTitle ?? 'Role';
}

export function roundNameOf(x: Partial<Interview>): string {
  return x.round?.name ?? x.roundName ?? 'Interview';
}

export function interviewerIdsOf(x: Partial<Interview>): string[] {
  return x.interviewerIds ?? x.interviewers?.map((p) => p.id) ?? [];
}
