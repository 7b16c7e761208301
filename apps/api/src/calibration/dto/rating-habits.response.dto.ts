import { ApiProperty } from '@nestjs/swagger';
import type { Anchoring, HabitFigure, RatingHabits } from '@hireloop/core';

export class HabitFigureDto implements HabitFigure {
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "95th percentile of the other interviewers' figures (those with ≥ 5 scorecards); null with fewer than 5 of them",
  })
  organizationPercentile95: number | null;
  @ApiProperty({ description: 'value above the percentile, on at least 20 scorecards' }) flagged: boolean;
}

export class RatingHabitsDto implements RatingHabits {
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

export class AnchoringDto implements Anchoring {
  @ApiProperty({ description: 'Amendments of submitted scorecards' }) amendments: number;
  @ApiProperty({ description: "Of which made after the interviewer had read the panel's feedback" }) afterViewingPanel: number;
  @ApiProperty({
    type: AnchoringAmendmentDto,
    isArray: true,
    description: 'The amendments made after reading the panel, newest first, with the rating changes',
  })
  items: AnchoringAmendmentDto[];
}
