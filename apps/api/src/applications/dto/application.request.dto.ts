import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import {
  APPLICATION_STATUSES,
  ApplicationListQuery,
  ApplicationStatus,
  CountedPageQueryDto,
  CreateApplicationInput,
  SETTABLE_APPLICATION_STATUSES,
  UpdateApplicationInput,
} from '@hireloop/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApplicationRequestDto implements CreateApplicationInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Choose a candidate.' })
  candidateId: string;

  @ApiProperty({ format: 'uuid', description: 'An open role' })
  @IsUUID('all', { message: 'Choose an open role.' })
  roleId: string;

  @ApiPropertyOptional({ default: 'applied', maxLength: 50, description: 'Free-form pipeline stage' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  stage?: string;
}

export class UpdateApplicationRequestDto implements UpdateApplicationInput {
  @ApiPropertyOptional({ maxLength: 50 })
  @ValidateIf((o: UpdateApplicationRequestDto) => o.stage !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  stage?: string;

  @ApiPropertyOptional({ enum: SETTABLE_APPLICATION_STATUSES, description: 'Only from active; hired is set by the hiring decision' })
  @ValidateIf((o: UpdateApplicationRequestDto) => o.status !== undefined)
  @IsIn(SETTABLE_APPLICATION_STATUSES, { message: `status must be one of ${SETTABLE_APPLICATION_STATUSES.join(', ')}` })
  status?: (typeof SETTABLE_APPLICATION_STATUSES)[number];
}

export class ListApplicationsQueryDto extends CountedPageQueryDto implements ApplicationListQuery {
  @ApiPropertyOptional({ description: "Case-insensitive part of the candidate's name or email or of the role's title", maxLength: 200 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200, { message: 'Search for at most 200 characters.' })
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() roleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() candidateId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES }) @IsOptional() @IsIn(APPLICATION_STATUSES) status?: ApplicationStatus;
}
