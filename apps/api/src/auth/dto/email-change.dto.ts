import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ChangeEmailInput } from '@hireloop/core/users/email-change.service';

export class ChangeEmailRequestDto implements ChangeEmailInput {
  @ApiProperty({ example: 'ada@new-domain.test', description: 'The address to sign in with from now on; a link is sent there to confirm it' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'newEmail must be an email address' })
  @MaxLength(254)
  newEmail: string;

  @ApiProperty({ description: 'The password the account signs in with now' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;
}

export class EmailChangeRequestedResponseDto {
  @ApiProperty({ example: 'ada@new-domain.test', description: 'Where the confirmation link was sent (nothing changes until it is used)' })
  pendingEmail: string;

  @ApiProperty({ description: 'Until when the link works' })
  expiresAt: string;
}

export class ConfirmEmailChangeRequestDto {
  @ApiProperty({ description: 'The token from the confirmation link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class EmailChangedResponseDto {
  @ApiProperty({ example: 'ada@new-domain.test', description: 'The address the account signs in with now' })
  email: string;
}
