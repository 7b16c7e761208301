import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Trim, TrimToNull } from '../../roles/dto/transforms';
import type { CreateRoleFromTemplateInput } from '@hireloop/core';
import { ROLE_TEMPLATE_KEYS } from '@hireloop/core/role-templates/templates';

export class CreateRoleFromTemplateRequestDto implements CreateRoleFromTemplateInput {
  @ApiProperty({ enum: ROLE_TEMPLATE_KEYS, example: 'senior-applied-scientist' })
  @IsIn(ROLE_TEMPLATE_KEYS, { message: `templateKey must be one of: ${ROLE_TEMPLATE_KEYS.join(', ')}` })
  templateKey: string;

  @ApiPropertyOptional({ maxLength: 200, description: "Defaults to the template's title" })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: String, maxLength: 50, description: "Defaults to the template's level" })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 200, description: "Defaults to the template's department" })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 200 })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Without one the role is created, but cannot open until one is set' })
  @IsOptional()
  @IsUUID('all', { message: 'hiringManagerId must be a member id (UUID)' })
  hiringManagerId?: string | null;
}
