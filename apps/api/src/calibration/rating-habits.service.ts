import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MIN_SCORECARDS_TO_FLAG, raterHabits, type RatingsByDimension } from '@hireloop/calibration/fairness';
import { amendmentsOf, type RevisionForAmendments } from '@hireloop/core';

export class HabitFigureDto {
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "95th percentile of the other interviewers' figures (those with ≥ 5 scorecards); null with fewer than 5 of them",
  })
  organizationPercentile95: number | null;
  @ApiProperty({ description: 'value above the percentile, on at least 20 scorecards' }) flagged: boolean;
}

export class RatingHabitsDto {
  @ApiProperty({ description: 'Submitted scorecards with at least two ratings' }) scorecards: number;
  @ApiProperty({ description: 'Scorecards needed before a figure can be flagged' }) minScorecardsToFlag: number;
  @ApiProperty({ type: HabitFigureDto, description: 'Halo: mean correlation between dimensions across the interviewer’s scorecards' })
  halo: HabitFigureDto;
  @ApiProperty({ type: HabitFigureDto, description: 'Straight-lining: share of scorecards with every rating equal' }) straightLining: HabitFigureDto;
}

export class AnchoringChangeDto {
  @ApiProperty() dimensionId: string;
  @ApiProperty() dimensionName: string;
  @ApiProperty({ nullable: true, type: Number }) before: number | null;
  @ApiProperty({ nullable: true, type: Number }) after: number | null;
}

export class AnchoringAmendmentDto {
  @ApiProperty({ format: 'uuid' }) scorecardId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() revision: number;
  @ApiProperty() amendedAt: string;
  @ApiProperty({ type: AnchoringChangeDto, isArray: true }) changes: AnchoringChangeDto[];
  @ApiProperty({ nullable: true, type: String }) recommendationBefore: string | null;
  @ApiProperty({ nullable: true, type: String }) recommendationAfter: string | null;
}

export class AnchoringDto {
  @ApiProperty({ description: 'Amendments of submitted scorecards' }) amendments: number;
  @ApiProperty({ description: "Of which made after the interviewer had read the panel's feedback" }) afterViewingPanel: number;
  @ApiProperty({
    type: AnchoringAmendmentDto,
    isArray: true,
    description: 'The amendments made after reading the panel, newest first, with the rating changes',
  })
  items: AnchoringAmendmentDto[];
}

interface CardRow {
  interviewer_id: string;
  ratings: { dimensionId: string; rating: number | null }[];
}

/**
 * Rating habits that make panels less independent (issue 16, items 3 and 4), for the interviewer calibration view:
 * halo and straight-lining against the organization's distribution, and amendments made after reading the panel
 * (anchoring) with their rating changes. Applications on whose panel the caller is still blind are left out.
 */
@Injectable()
export class RatingHabitsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async habits(organizationId: string, interviewerId: string, blind: string[]): Promise<RatingHabitsDto> {
    const cards: CardRow[] = await this.dataSource.query(
      `SELECT s.interviewer_id, s.ratings FROM scorecards s
        WHERE s.organization_id = $1 AND s.status = 'submitted' AND NOT (s.application_id = ANY($2::uuid[]))`,
      [organizationId, blind],
    );
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
    const figure = (f: typeof own.halo): HabitFigureDto => ({ value: f.value, organizationPercentile95: f.orgPercentile95, flagged: f.flagged });
    return {
      scorecards: own.scorecards,
      minScorecardsToFlag: MIN_SCORECARDS_TO_FLAG,
      halo: figure(own.halo),
      straightLining: figure(own.straightLining),
    };
  }

  async anchoring(organizationId: string, interviewerId: string, blind: string[]): Promise<AnchoringDto> {
    const rows: {
      scorecard_id: string;
      application_id: string;
      revision: number;
      kind: string;
      created_at: Date;
      content: RevisionForAmendments['content'];
      first_viewed_at: Date | null;
      dimensions: { id: string; name: string }[] | null;
    }[] = await this.dataSource.query(
      `SELECT s.id AS scorecard_id, s.application_id, v.revision, v.kind, v.created_at, v.content, pv.first_viewed_at, lv.snapshot->'dimensions' AS dimensions
         FROM scorecards s
         JOIN scorecard_revisions v ON v.organization_id = s.organization_id AND v.scorecard_id = s.id
         JOIN loop_versions lv ON lv.id = s.loop_version_id
         LEFT JOIN panel_views pv ON pv.organization_id = s.organization_id AND pv.application_id = s.application_id AND pv.member_id = s.interviewer_id
        WHERE s.organization_id = $1 AND s.interviewer_id = $2 AND NOT (s.application_id = ANY($3::uuid[]))
          AND EXISTS (SELECT 1 FROM scorecard_revisions a WHERE a.organization_id = s.organization_id AND a.scorecard_id = s.id AND a.kind = 'amended')
        ORDER BY s.id, v.revision`,
      [organizationId, interviewerId, blind],
    );
    const byCard = new Map<string, typeof rows>();
    for (const r of rows) (byCard.get(r.scorecard_id) ?? byCard.set(r.scorecard_id, []).get(r.scorecard_id)!).push(r);
    let amendments = 0;
    const items: AnchoringAmendmentDto[] = [];
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
