import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CountedPageQueryDto, MEMBER_ROLES, MemberRole } from '@hireloop/core';
import type { InviteMemberInput, MemberListQuery, UpdateMemberInput } from '@hireloop/core';

export class InviteMemberRequestDto implements InviteMemberInput {
  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(MEMBER_ROLES, { each: true, message: `each role must be one of: ${MEMBER_ROLES.join(', ')}` })
  roles: MemberRole[];
}

export class UpdateMemberRequestDto implements UpdateMemberInput {
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsIn(MEMBER_ROLES, { each: true, message: `each role must be one of: ${MEMBER_ROLES.join(', ')}` })
  roles: MemberRole[];
}

export class ListMembersQueryDto extends CountedPageQueryDto implements MemberListQuery {
  @ApiPropertyOptional({ description: 'Search in the name (the invited name while an invitation is pending) and the email address', maxLength: 200 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200, { message: 'Search for at most 200 characters.' })
  q?: string;

  @ApiPropertyOptional({ enum: MEMBER_ROLES, enumName: 'MemberRole' })
  @IsOptional()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;

  @ApiPropertyOptional({ enum: ['invited', 'active', 'deactivated'] })
  @IsOptional()
  @IsIn(['invited', 'active', 'deactivated'])
  status?: 'invited' | 'active' | 'deactivated';
}
