import { Injectable } from '@nestjs/common';
import { MIN_SCORECARDS_TO_FLAG, raterHabits, type RatingsByDimension } from '@hireloop/calibration/fairness';
import { amendmentsOf } from '../scorecards/amendments';
import { AmendedRevisionRow, CalibrationStatsRepository } from './calibration-stats.repository';

export interface HabitFigure {
  value: number | null;
  organizationPercentile95: number | null;
  flagged: boolean;
}

/** Halo and straight-lining of one interviewer (the API's `RatingHabitsDto` has this shape). */
export interface RatingHabits {
  scorecards: number;
  minScorecardsToFlag: number;
  halo: HabitFigure;
  straightLining: HabitFigure;
}

export interface AnchoringAmendment {
  scorecardId: string;
  applicationId: string;
  revision: number;
  amendedAt: string;
  changes: { dimensionId: string; dimensionName: string; before: number | null; after: number | null }[];
  recommendationBefore: string | null;
  recommendationAfter: string | null;
}

/** Amendments made after reading the panel (the API's `AnchoringDto` has this shape). */
export interface Anchoring {
  amendments: number;
  afterViewingPanel: number;
  items: AnchoringAmendment[];
}

/**
 * Rating habits that make panels less independent (issue 16, items 3 and 4), for the interviewer calibration view:
 * halo and straight-lining against the organization's distribution, and amendments made after reading the panel
 * (anchoring) with their rating changes. Applications on whose panel the caller is still blind are left out.
 */
@Injectable()
export class RatingHabitsService {
  constructor(private readonly stats: CalibrationStatsRepository) {}

  async habits(organizationId: string, interviewerId: string, blind: string[]): Promise<RatingHabits> {
    const cards = await this.stats.submittedRatings(organizationId, blind);
    const byInterviewer = new Map<string, RatingsByDimension[]>();
    for (const card of cards) {
      const ratings: Record<string, number> = {};
      for (const r of card.ratings) if (typeof r.rating === 'number') ratings[r.dimensionId] = r.rating;
      const list = byInterviewer.get(card.interviewer_id) ?? byInterviewer.set(card.interviewer_id, []).get(card.interviewer_id)!;
      list.push(ratings);
    }
    if (!byInterviewer.has(interviewerId)) byInterviewer.set(interviewerId, []);
    const own = raterHabits([...byInterviewer.entries()].map(([id, scorecards]) => ({ interviewerId: id, scorecards }))).find(
      (h) => h.interviewerId === interviewerId,
    )!;
    const figure = (f: typeof own.halo): HabitFigure => ({ value: f.value, organizationPercentile95: f.orgPercentile95, flagged: f.flagged });
    return {
      scorecards: own.scorecards,
      minScorecardsToFlag: MIN_SCORECARDS_TO_FLAG,
      halo: figure(own.halo),
      straightLining: figure(own.straightLining),
    };
  }

  async anchoring(organizationId: string, interviewerId: string, blind: string[]): Promise<Anchoring> {
    const rows = await this.stats.amendedRevisions(organizationId, interviewerId, blind);
    const byCard = new Map<string, AmendedRevisionRow[]>();
    for (const r of rows) (byCard.get(r.scorecard_id) ?? byCard.set(r.scorecard_id, []).get(r.scorecard_id)!).push(r);
    let amendments = 0;
    const items: AnchoringAmendment[] = [];
    for (const [scorecardId, revisions] of byCard) {
      const names = new Map((revisions[0].dimensions ?? []).map((d) => [d.id, d.name]));
      const list = amendmentsOf(
        revisions.map((v) => ({ revision: v.revision, kind: v.kind, createdAt: v.created_at, reason: null, content: v.content })),
        revisions[0].first_viewed_at,
        (id) => names.get(id) ?? id,
      );
      amendments += list.length;
      for (const a of list.filter((x) => x.afterViewingPanel)) {
        items.push({
          scorecardId,
          applicationId: revisions[0].application_id,
          revision: a.revision,
          amendedAt: a.amendedAt,
          changes: a.changes.map((c) => ({ dimensionId: c.dimensionId, dimensionName: c.dimensionName, before: c.before, after: c.after })),
          recommendationBefore: a.recommendationBefore,
          recommendationAfter: a.recommendationAfter,
        });
      }
    }
    items.sort((a, b) => (a.amendedAt < b.amendedAt ? 1 : a.amendedAt > b.amendedAt ? -1 : 0));
    return { amendments, afterViewingPanel: items.length, items };
  }
}
