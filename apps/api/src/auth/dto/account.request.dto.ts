import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
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
