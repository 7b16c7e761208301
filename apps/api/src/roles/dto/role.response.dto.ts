import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RATING_SCALE_KINDS, ROLE_STATUSES, ROUND_KINDS } from '@hireloop/core';
import type {
  DimensionChangeView,
  DimensionView,
  LoopVersionPage,
  LoopVersionSummaryView,
  LoopVersionView,
  RatingScaleKind,
  ReadinessIssueView,
  ReadinessView,
  RoleStatus,
  RolePage,
  RoleSummaryView,
  RoleView,
  RoundChangeView,
  RoundKind,
  RoundView,
  RubricView,
} from '@hireloop/core';

export class ReadinessIssueResponseDto implements ReadinessIssueView {
  @ApiProperty({ example: 'weightSum', description: 'What is at fault: weightSum, hiringManagerId, dimensions.<id>, rounds.<id>.focusDimensionIds' })
  field: string;
  @ApiProperty() message: string;
  @ApiProperty({ example: 'dimension_not_covered' }) code: string;
}

export class ReadinessResponseDto implements ReadinessView {
  @ApiProperty({ description: 'True when POST /roles/:id/open would succeed' }) canOpen: boolean;
  @ApiProperty({ type: [ReadinessIssueResponseDto], description: 'Block opening' }) errors: ReadinessIssueResponseDto[];
  @ApiProperty({ type: [ReadinessIssueResponseDto], description: 'Advice; never block' }) warnings: ReadinessIssueResponseDto[];
}

export class HirePolicyResponseDto {
  @ApiProperty({ example: 3 }) bar: number;
  @ApiProperty({ example: 2 }) floor: number;
  @ApiProperty({ example: 0.8 }) minCoverage: number;
  @ApiProperty({ example: 3 }) minInterviewers: number;
  @ApiProperty({ example: 0.5 }) margin: number;
  @ApiProperty({ example: true }) adjustForLeniency: boolean;
  @ApiProperty({ example: false, description: "Hire only when every required dimension's mean reaches the scale's meets level" })
  everyDimensionMeets: boolean;
}

export class ScaleLevelResponseDto {
  @ApiProperty({ example: 3, description: 'The rating value (also the rubric key)' }) value: number;
  @ApiProperty({ example: 'meets' }) key: string;
  @ApiProperty({ example: 'Meets the bar' }) label: string;
}

export class LoopVersionRefResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) number: number;
}

export class RubricResponseDto implements RubricView {
  @ApiProperty({ description: '1 = strong no' }) '1': string;
  @ApiProperty({ description: '2 = no' }) '2': string;
  @ApiProperty({ description: '3 = yes, meets the bar' }) '3': string;
  @ApiProperty({
    description: '4 = strong yes, exceeds (4-point); above the bar (5-point); absent on the 3-level scale unless kept from another scale',
    required: false,
  })
  '4': string;
  @ApiPropertyOptional({ description: '5 = far above the bar (5-point scale)' }) '5'?: string;
}

export class SignalsResponseDto {
  @ApiProperty({ type: [String] }) strong: string[];
  @ApiProperty({ type: [String] }) weak: string[];
  @ApiProperty({ type: [String] }) redFlags: string[];
}

export class DimensionResponseDto implements DimensionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Percent' }) weight: number;
  @ApiProperty({ type: RubricResponseDto, description: 'Anchors keyed by level value; every level of the role scale has one' })
  rubric: RubricResponseDto;
  @ApiProperty({ description: 'A required dimension must be rated before the report can recommend hire (default true)' }) required: boolean;
  @ApiProperty({ type: SignalsResponseDto }) signals: SignalsResponseDto;
  @ApiProperty({ description: '1-based' }) position: number;
}

export class RoundResponseDto implements RoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROUND_KINDS, enumName: 'RoundKind' }) kind: RoundKind;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ description: '1-based' }) position: number;
  @ApiProperty({ type: [String], format: 'uuid' }) focusDimensionIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) questionIds: string[];
}

export class RoleSummaryResponseDto implements RoleSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) level: string | null;
  @ApiProperty({ nullable: true, type: String }) department: string | null;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ enum: ROLE_STATUSES }) status: RoleStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) hiringManagerId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The hiring manager's name; null when there is none" }) hiringManagerName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Template the role was created from' }) templateKey: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) clonedFromRoleId: string | null;
  @ApiProperty({ enum: RATING_SCALE_KINDS, description: 'The scale ratings, rubric anchors and policy thresholds are on' })
  ratingScale: RatingScaleKind;
  @ApiProperty({ type: [ScaleLevelResponseDto], description: "The scale's levels, lowest first" }) scaleLevels: ScaleLevelResponseDto[];
  @ApiProperty({ nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RoleResponseDto extends RoleSummaryResponseDto implements RoleView {
  @ApiProperty({ type: HirePolicyResponseDto, description: "With the calibration defaults of the role's scale filled in" })
  hirePolicy: HirePolicyResponseDto;
  @ApiProperty({ type: LoopVersionRefResponseDto, description: 'The version new interviews and scorecards use' })
  loopVersion: LoopVersionRefResponseDto;
  @ApiProperty({ description: 'Sum of the dimension weights; must be 100 (±0.01) to open', example: 100 }) weightSum: number;
  @ApiProperty({ type: [DimensionResponseDto] }) dimensions: DimensionResponseDto[];
  @ApiProperty({ type: [RoundResponseDto] }) rounds: RoundResponseDto[];
  @ApiProperty({ type: ReadinessResponseDto }) readiness: ReadinessResponseDto;
}

export class RolePageResponseDto implements RolePage {
  @ApiProperty({ type: [RoleSummaryResponseDto] }) items: RoleSummaryResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiPropertyOptional({ description: 'With ?withTotal=true: how many roles match (every page)' }) total?: number;
}

export class DimensionChangeResponseDto implements DimensionChangeView {
  @ApiProperty({ type: DimensionResponseDto }) dimension: DimensionResponseDto;
  @ApiProperty({ type: RoleResponseDto, description: 'The role after the change: weightSum, readiness, loopVersion' }) role: RoleResponseDto;
}

export class RoundChangeResponseDto implements RoundChangeView {
  @ApiProperty({ type: RoundResponseDto }) round: RoundResponseDto;
  @ApiProperty({ type: RoleResponseDto, description: 'The role after the change: readiness, loopVersion' }) role: RoleResponseDto;
}

export class LoopVersionSummaryResponseDto implements LoopVersionSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
  @ApiProperty({ description: "True for the role's current version" }) current: boolean;
  @ApiProperty({ description: 'Scorecards made against this version; a version with scorecards never changes' }) scorecardCount: number;
  @ApiProperty() createdAt: string;
}

export class LoopVersionResponseDto extends LoopVersionSummaryResponseDto implements LoopVersionView {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'LoopSnapshot: dimensions and rounds with embedded questions' })
  snapshot: Record<string, unknown>;
}

export class LoopVersionPageResponseDto implements LoopVersionPage {
  @ApiProperty({ type: [LoopVersionSummaryResponseDto] }) items: LoopVersionSummaryResponseDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
