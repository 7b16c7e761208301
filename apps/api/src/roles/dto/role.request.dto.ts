import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto, ROLE_STATUSES } from '@hireloop/core';
import type { RoleStatus } from '@hireloop/core';
import { Trim, TrimToNull } from './transforms';

const NUMBER = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 };

/** Any subset of the hire policy; fields left out keep their current value (the calibration defaults on creation). */
export class HirePolicyRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 4, default: 3, description: 'Weighted score (1–4) a hire must reach' })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(1)
  @Max(4)
  bar?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 4, default: 2, description: 'No dimension may average below this; must not exceed bar' })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(1)
  @Max(4)
  floor?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.8, description: 'Share of the total weight that must be rated' })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(0)
  @Max(1)
  minCoverage?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  minInterviewers?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 3, default: 0.5, description: 'Band around the bar that is inconclusive' })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(0)
  @Max(3)
  margin?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  adjustForLeniency?: boolean;
}

export class CreateRoleRequestDto {
  @ApiProperty({ example: 'Senior Applied Scientist', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ example: 'L6', maxLength: 50, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string | null;

  @ApiPropertyOptional({ example: 'Applied Science', maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiPropertyOptional({ example: 'Berlin (hybrid)', maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An active member holding hiring_manager' })
  @IsOptional()
  @IsUUID('all', { message: 'hiringManagerId must be a member id (UUID)' })
  hiringManagerId?: string | null;

  @ApiPropertyOptional({ type: HirePolicyRequestDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HirePolicyRequestDto)
  hirePolicy?: HirePolicyRequestDto;
}

/** Every field optional; `null` clears level, department, location or the hiring manager. Status changes via open/close. */
export class UpdateRoleRequestDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Trim()
  @ValidateIf((o: UpdateRoleRequestDto) => o.title !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 50, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'hiringManagerId must be a member id (UUID)' })
  hiringManagerId?: string | null;

  @ApiPropertyOptional({ type: HirePolicyRequestDto, description: 'Merged into the stored policy' })
  @ValidateIf((o: UpdateRoleRequestDto) => o.hirePolicy !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => HirePolicyRequestDto)
  hirePolicy?: HirePolicyRequestDto;
}

export class ListRolesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLE_STATUSES })
  @IsOptional()
  @IsIn(ROLE_STATUSES, { message: `status must be one of: ${ROLE_STATUSES.join(', ')}` })
  status?: RoleStatus;
}

export class CloneRoleRequestDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Defaults to "<title> (copy)"' })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;
}
