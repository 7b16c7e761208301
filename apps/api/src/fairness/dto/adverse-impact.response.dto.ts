import { ApiProperty } from '@nestjs/swagger';

/** GET /fairness/adverse-impact, declared field by field (libs/calibration fairness audit plus the API's labels). */

export class ImpactGroupDto {
  @ApiProperty({ description: 'The category value, or values joined by " × " for an intersection' }) group: string;
  @ApiProperty() total: number;
  @ApiProperty() selected: number;
  @ApiProperty({ description: 'Too few people: rate, ratio and tests withheld' }) suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number }) selectionRate: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Rate over the reference group's rate" }) impactRatio: number | null;
  @ApiProperty({ description: 'impactRatio < 0.8' }) fourFifthsFlag: boolean;
  @ApiProperty({ nullable: true, type: Number, description: "Fisher's exact test against the reference group" }) fisherP: number | null;
  @ApiProperty({ nullable: true, type: Number }) z: number | null;
  @ApiProperty({ nullable: true, type: Number }) zTestP: number | null;
  @ApiProperty({ description: "Both the four-fifths flag and Fisher's p < 0.05" }) adverseImpact: boolean;
}

export class UnknownCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() selected: number;
}

export class ImpactAnalysisDto {
  @ApiProperty({ enum: ['interviewed', 'report_hire', 'decision_hire'] }) stage: 'interviewed' | 'report_hire' | 'decision_hire';
  @ApiProperty({ type: [String], description: 'The category keys analysed (several for an intersection)' }) categories: string[];
  @ApiProperty({ nullable: true, type: String, description: 'The highest-rate unsuppressed group' }) referenceGroup: string | null;
  @ApiProperty({ type: [ImpactGroupDto] }) groups: ImpactGroupDto[];
  @ApiProperty({ type: UnknownCountsDto, description: 'People with an unknown or declined category, counted apart' }) unknown: UnknownCountsDto;
}

export class DimensionDifferenceDto {
  @ApiProperty() dimension: string;
  @ApiProperty() category: string;
  @ApiProperty() group: string;
  @ApiProperty() n: number;
  @ApiProperty() nOthers: number;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number, description: "Cohen's d of the group against everyone else" }) d: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '90 % interval, low end' }) low: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '90 % interval, high end' }) high: number | null;
}

export class InterviewerGapDto {
  @ApiProperty() interviewerId: string;
  @ApiProperty() category: string;
  @ApiProperty() group: string;
  @ApiProperty() n: number;
  @ApiProperty() nOthers: number;
  @ApiProperty() suppressed: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean rating gap (4-point scale) of the group against everyone else' }) gap:
    number | null;
  @ApiProperty({ nullable: true, type: Number }) low: number | null;
  @ApiProperty({ nullable: true, type: Number }) high: number | null;
  @ApiProperty({ description: 'The interval excludes 0 with enough scorecards' }) flagged: boolean;
}

export class AdverseImpactReportResponseDto {
  @ApiProperty({ nullable: true, type: String }) roleId: string | null;
  @ApiProperty() generatedAt: string;
  @ApiProperty() applications: number;
  @ApiProperty({
    description:
      'Applications left out of every figure because the reader is on their panel and has not submitted their own feedback yet (blind rule); not counted in `applications`',
  })
  withheldApplications: number;
  @ApiProperty({ enum: ['four_point'], description: 'Ratings are compared on the 4-point scale (other scales mapped linearly onto 1–4)' })
  ratingScale: 'four_point';
  @ApiProperty({ type: [ImpactAnalysisDto], description: 'Per stage, each category alone, then each intersection' }) stages: ImpactAnalysisDto[];
  @ApiProperty({ type: [DimensionDifferenceDto] }) dimensions: DimensionDifferenceDto[];
  @ApiProperty({ type: [InterviewerGapDto] }) interviewers: InterviewerGapDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Member id → name of every interviewer listed' })
  interviewerNames: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Category and group keys → words' }) labels: Record<
    string,
    string
  >;
}
