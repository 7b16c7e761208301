import { ApiProperty } from '@nestjs/swagger';

export class ValidityPredictorDto {
  @ApiProperty({ description: 'panel_score, raw_score, recommendation, dimension:<id or name:…>, round:<id or kind:…>' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: ['panel_score', 'raw_score', 'dimension', 'round', 'recommendation'] }) kind:
    'panel_score' | 'raw_score' | 'dimension' | 'round' | 'recommendation';
}

export class ValidityOutcomeDto {
  @ApiProperty({ description: 'rating_90d, rating_6m, rating_12m, time_to_productivity (days negated: fewer = higher), retained_12m (1/0)' })
  key: string;
  @ApiProperty() label: string;
}

export class CorrelationIntervalDto {
  @ApiProperty() low: number;
  @ApiProperty() high: number;
}

export class ValidityCellDto {
  @ApiProperty() predictorKey: string;
  @ApiProperty() outcomeKey: string;
  @ApiProperty({
    enum: ['not_enough_data', 'undefined', 'estimated'],
    description:
      'not_enough_data: fewer than minN pairs ("not enough data yet": every figure null); undefined: a constant predictor or outcome among the hired',
  })
  status: 'not_enough_data' | 'undefined' | 'estimated';
  @ApiProperty({ description: 'Hired applications with both the predictor and the outcome' }) n: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Pearson r among the hired (uncorrected)' }) pearson: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Spearman's rho (ties: average ranks)" }) spearman: number | null;
  @ApiProperty({ nullable: true, type: CorrelationIntervalDto, description: '90 % interval of the uncorrected r' })
  interval: CorrelationIntervalDto | null;
  @ApiProperty({ nullable: true, enum: ['fisher_z', 'bootstrap'], description: 'bootstrap below 50 pairs, else Fisher z' }) intervalMethod:
    'fisher_z' | 'bootstrap' | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      "r corrected for direct range restriction (Thorndike Case II: the predictor's SD among everyone assessed vs among the hired); null when the hired are not less spread",
  })
  corrected: number | null;
  @ApiProperty({ nullable: true, type: CorrelationIntervalDto, description: 'The 90 % interval carried through the correction' })
  correctedInterval: CorrelationIntervalDto | null;
  @ApiProperty({
    nullable: true,
    enum: ['predictive', 'not_predictive'],
    description: 'predictive: the (corrected, else uncorrected) 90 % interval lies above 0',
  })
  verdict: 'predictive' | 'not_predictive' | null;
}

export class ValidityScatterPointDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() panelScore: number;
  @ApiProperty({ description: 'The 12-month performance rating' }) rating: number;
}

export class RetentionPointDto {
  @ApiProperty({ description: 'Days since the hire' }) day: number;
  @ApiProperty({ description: 'Kaplan–Meier share still employed' }) survival: number;
  @ApiProperty({ description: 'Lower end of the 90 % pointwise (Greenwood) band' }) low: number;
  @ApiProperty() high: number;
}

export class RetentionGroupDto {
  @ApiProperty({ enum: ['hire', 'hired_despite'] }) key: 'hire' | 'hired_despite';
  @ApiProperty() label: string;
  @ApiProperty() n: number;
  @ApiProperty({ description: 'Departures' }) events: number;
  @ApiProperty({ type: RetentionPointDto, isArray: true, description: 'Empty while retention is not_enough_data' })
  curve: readonly RetentionPointDto[];
}

export class LogRankDto {
  @ApiProperty() chiSquare: number;
  @ApiProperty() df: number;
  @ApiProperty() pValue: number;
}

export class RetentionDto {
  @ApiProperty({ type: RetentionGroupDto, isArray: true }) groups: readonly RetentionGroupDto[];
  @ApiProperty({ nullable: true, type: LogRankDto }) logRank: LogRankDto | null;
  @ApiProperty({ enum: ['not_enough_data', 'estimated'], description: 'not_enough_data until both groups have minN hires' }) status:
    'not_enough_data' | 'estimated';
}

export class ValidityReportResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Increments per (organization, role)' }) version: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Null: the organization-wide report' }) roleId: string | null;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: 'queued' | 'running' | 'done' | 'failed';
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) computedAt: string | null;
  @ApiProperty({ description: 'Fewest pairs behind any figure (QUALITY_OF_HIRE_MIN_N)' }) minN: number;
  @ApiProperty({ description: 'Hired applications with a panel report' }) hires: number;
  @ApiProperty({ description: 'Applications with a panel report (hired or not): the unrestricted group of Case II' }) assessed: number;
  @ApiProperty({ type: ValidityPredictorDto, isArray: true }) predictors: readonly ValidityPredictorDto[];
  @ApiProperty({ type: ValidityOutcomeDto, isArray: true }) outcomes: readonly ValidityOutcomeDto[];
  @ApiProperty({ type: ValidityCellDto, isArray: true, description: 'One per predictor × outcome' }) cells: readonly ValidityCellDto[];
  @ApiProperty({ type: ValidityScatterPointDto, isArray: true, description: 'Hired applications with a 12-month rating' })
  scatter: readonly ValidityScatterPointDto[];
  @ApiProperty({ type: RetentionDto }) retention: RetentionDto;
}
