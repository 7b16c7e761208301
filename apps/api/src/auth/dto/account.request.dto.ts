import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { ChangePasswordInput } from '@hireloop/core/users/account-security.service';

export class ChangePasswordRequestDto implements ChangePasswordInput {
  @ApiProperty({ description: 'The password the account signs in with now' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'newPassword must be at least 10 characters long' })
  @MaxLength(200)
  newPassword: string;
}

export class UpdateMeRequestDto {
  @ApiPropertyOptional({
    description: 'Your name, as colleagues see it in every organization you belong to',
    maxLength: 200,
    example: 'Ada Lovelace',
  })
  @ValidateIf((o: UpdateMeRequestDto) => o.name !== undefined)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
}

export class SwitchOrganizationRequestDto {
  @ApiProperty({ description: 'One of your organizations (GET /v1/me/organizations)' })
  @IsUUID()
  organizationId: string;
}
