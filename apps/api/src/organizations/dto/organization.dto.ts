import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OrganizationSettingsView, UpdateOrganizationInput } from '@hireloop/core';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export class UpdateOrganizationRequestDto implements UpdateOrganizationInput {
  @ApiPropertyOptional()
  @ValidateIf((o: UpdateOrganizationRequestDto) => o.name !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2000, description: 'Minimum characters of evidence per rated dimension' })
  @ValidateIf((o: UpdateOrganizationRequestDto) => o.minEvidenceLength !== undefined)
  @IsInt()
  @Min(0)
  @Max(2000)
  minEvidenceLength?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 720 })
  @ValidateIf((o: UpdateOrganizationRequestDto) => o.reminderAfterHours !== undefined)
  @IsInt()
  @Min(1)
  @Max(720)
  reminderAfterHours?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60 })
  @ValidateIf((o: UpdateOrganizationRequestDto) => o.escalateAfterDays !== undefined)
  @IsInt()
  @Min(1)
  @Max(60)
  escalateAfterDays?: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Webhook for reminders; null removes it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'HMAC-SHA256 key for webhook signatures (write-only)' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret?: string | null;
}

export class OrganizationSettingsResponseDto implements OrganizationSettingsView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() minEvidenceLength: number;
  @ApiProperty() reminderAfterHours: number;
  @ApiProperty() escalateAfterDays: number;
  @ApiProperty({ nullable: true, type: String }) webhookUrl: string | null;
  @ApiProperty({ description: 'Whether a webhook secret is set (the secret itself is never returned)' }) webhookSecretSet: boolean;
}
