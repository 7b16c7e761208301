import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DECISIONS, HiringDecision } from '@hireloop/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimOrUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

export class RecordDecisionRequestDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `decision must be one of: ${DECISIONS.join(', ')}` })
  decision: HiringDecision;

  @ApiProperty({ minLength: 10, maxLength: 5000, description: 'Why: read by the recruiter, the panel and auditors' })
  @Transform(trim)
  @IsString()
  @MinLength(10, { message: 'rationale must be at least 10 characters' })
  @MaxLength(5000)
  rationale: string;

  @ApiPropertyOptional({
    maxLength: 5000,
    description: "Required when the decision goes against the latest report's recommendation (hire vs no_hire), or when no report exists yet",
  })
  @Transform(trimOrUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  overrideReason?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Decide although the latest report does not cover every submitted scorecard revision, or a recomputation is pending (otherwise 409 report_stale). Needs staleReason.',
  })
  @IsOptional()
  @IsBoolean({ message: 'acknowledgeStale must be true or false' })
  acknowledgeStale?: boolean;

  @ApiPropertyOptional({
    maxLength: 5000,
    description: 'Why the decision cannot wait for the report to include the latest feedback; required with acknowledgeStale',
  })
  @Transform(trimOrUndefined)
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  staleReason?: string;
}
