/**
 * The adverse-impact audit of an interview process (issue 16, item 2), from plain per-application facts:
 * - per stage (interviewed among applicants → report `hire` among the interviewed → decision hire among the
 *   interviewed): selection rates, impact ratios, the four-fifths flag, Fisher's exact and the z-test, per category
 *   and for the sex × race/ethnicity intersection, with unknown counts and suppression of groups under 5;
 * - per dimension: Cohen's d of each group's ratings against everyone else's (known) with a 90 % interval;
 * - per interviewer: the gap between the ratings they gave a group and the ones they gave everyone else, flagged
 *   only when it rests on at least 20 scorecards and its 90 % interval excludes zero.
 * Pure and deterministic; the caller supplies categories already reduced to known values or null.
 */
import { cohensD, meanGap } from './effect-size';
import { adverseImpact, MIN_GROUP_SIZE, type ImpactAnalysis, type SelectionRecord } from './impact';

export const AUDIT_STAGES = ['interviewed', 'report_hire', 'decision_hire'] as const;
export type AuditStage = (typeof AUDIT_STAGES)[number];

/** Scorecards an interviewer's gap needs before it can be flagged. */
export const MIN_SCORECARDS_FOR_GAP_FLAG = 20;

export interface AuditApplication {
  applicationId: string;
  /** Category values (null = unknown or declined), e.g. { sex: 'female', raceEthnicity: null }. */
  categories: Readonly<Record<string, string | null>>;
  interviewed: boolean;
  reportHire: boolean;
  decisionHire: boolean;
  /** Mean rating per dimension over the application's submitted scorecards (a common scale), by dimension label. */
  dimensionMeans: Readonly<Record<string, number>>;
}

export interface AuditScorecard {
  applicationId: string;
  interviewerId: string;
  /** The scorecard's mean rating (a common scale). */
  meanRating: number;
}

export interface AuditAnalysis extends ImpactAnalysis {
  stage: AuditStage;
}

export interface DimensionDifference {
  dimension: string;
  category: string;
  group: string;
  /** Applications of the group / of everyone else with a known category, rated on the dimension. */
  n: number;
  nOthers: number;
  suppressed: boolean;
  d: number | null;
  low: number | null;
  high: number | null;
}

export interface InterviewerGap {
  interviewerId: string;
  category: string;
  group: string;
  /** Scorecards for the group / for everyone else with a known category. */
  n: number;
  nOthers: number;
  suppressed: boolean;
  /** Mean rating given to the group minus the mean given to everyone else. */
  gap: number | null;
  low: number | null;
  high: number | null;
  /** n + nOthers ≥ 20 and the 90 % interval excludes zero. */
  flagged: boolean;
}

export interface AuditReport {
  applications: number;
  stages: AuditAnalysis[];
  dimensions: DimensionDifference[];
  interviewers: InterviewerGap[];
}

/** The analyses: each category alone, then each intersection. */
export function adverseImpactAudit(
  applications: readonly AuditApplication[],
  scorecards: readonly AuditScorecard[],
  categories: readonly string[],
  intersections: readonly (readonly string[])[],
): AuditReport {
  const analyses = [...categories.map((c) => [c]), ...intersections.map((i) => [...i])];
  const stages: AuditAnalysis[] = [];
  for (const stage of AUDIT_STAGES) {
    const pool = stage === 'interviewed' ? applications : applications.filter((a) => a.interviewed);
    const records: SelectionRecord[] = pool.map((a) => ({
      categories: a.categories,
      selected: stage === 'interviewed' ? a.interviewed : stage === 'report_hire' ? a.reportHire : a.decisionHire,
    }));
    for (const cats of analyses) stages.push({ stage, ...adverseImpact(records, cats) });
  }

  const dimensions: DimensionDifference[] = [];
  const dimensionNames = [...new Set(applications.flatMap((a) => Object.keys(a.dimensionMeans)))].sort();
  for (const category of categories) {
    const groups = [...new Set(applications.map((a) => a.categories[category]).filter((v): v is string => v !== null && v !== undefined))].sort();
    for (const dimension of dimensionNames) {
      const rated = applications.filter((a) => a.dimensionMeans[dimension] !== undefined && a.categories[category] != null);
      for (const group of groups) {
        const mine = rated.filter((a) => a.categories[category] === group).map((a) => a.dimensionMeans[dimension]);
        const others = rated.filter((a) => a.categories[category] !== group).map((a) => a.dimensionMeans[dimension]);
        const suppressed = mine.length < MIN_GROUP_SIZE || others.length < MIN_GROUP_SIZE;
        const effect = suppressed ? null : cohensD(mine, others);
        dimensions.push({
          dimension,
          category,
          group,
          n: mine.length,
          nOthers: others.length,
          suppressed,
          d: effect?.d ?? null,
          low: effect?.low ?? null,
          high: effect?.high ?? null,
        });
      }
    }
  }

  const byApplication = new Map(applications.map((a) => [a.applicationId, a]));
  const interviewers: InterviewerGap[] = [];
  const interviewerIds = [...new Set(scorecards.map((s) => s.interviewerId))].sort();
  for (const interviewerId of interviewerIds) {
    const cards = scorecards.filter((s) => s.interviewerId === interviewerId);
    for (const category of categories) {
      const known = cards.flatMap((s) => {
        const value = byApplication.get(s.applicationId)?.categories[category];
        return value === null || value === undefined ? [] : [{ value, rating: s.meanRating }];
      });
      const groups = [...new Set(known.map((k) => k.value))].sort();
      for (const group of groups) {
        const mine = known.filter((k) => k.value === group).map((k) => k.rating);
        const others = known.filter((k) => k.value !== group).map((k) => k.rating);
        const suppressed = mine.length < MIN_GROUP_SIZE || others.length < MIN_GROUP_SIZE;
        const g = suppressed ? null : meanGap(mine, others);
        const flagged = g !== null && known.length >= MIN_SCORECARDS_FOR_GAP_FLAG && (g.low > 0 || g.high < 0);
        interviewers.push({
          interviewerId,
          category,
          group,
          n: mine.length,
          nOthers: others.length,
          suppressed,
          gap: g?.gap ?? null,
          low: g?.low ?? null,
          high: g?.high ?? null,
          flagged,
        });
      }
    }
  }
  return { applications: applications.length, stages, dimensions, interviewers };
}
