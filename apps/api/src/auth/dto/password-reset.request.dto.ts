import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import type { PasswordResetConfirmInput, PasswordResetRequestInput } from '@hireloop/core/users/password-reset.service';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

export class PasswordResetRequestDto implements PasswordResetRequestInput {
  @ApiProperty({ example: 'ada@acme.test' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmRequestDto implements PasswordResetConfirmInput {
  @ApiProperty({ description: 'The token from the reset link' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters long' })
  @MaxLength(200)
  password: string;
}

export class PasswordResetAcceptedResponseDto {
  @ApiProperty({ example: true, description: 'Always true: the answer is the same whether or not the address has an account' })
  accepted: true;
}
