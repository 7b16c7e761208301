import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_ROLES, MemberEntity, MemberRole } from '@hireloop/core';

export class MemberResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MEMBER_ROLES, isArray: true }) roles: MemberRole[];
  @ApiProperty({ enum: ['invited', 'active', 'deactivated'] }) status: string;
  @ApiProperty() createdAt: string;

  static from(member: MemberEntity): MemberResponseDto {
    return {
      id: member.id,
      userId: member.userId,
      email: member.user?.email ?? '',
      name: member.user?.name ?? '',
      roles: member.roles,
      status: member.status,
      createdAt: member.createdAt.toISOString(),
    };
  }
}

export class InviteResponseDto {
  @ApiProperty({ type: MemberResponseDto }) member: MemberResponseDto;
  @ApiProperty({ description: 'One-time token; shown once, stored only as a hash' }) inviteToken: string;
  @ApiProperty() inviteExpiresAt: string;
}

export class MemberPageResponseDto {
  @ApiProperty({ type: MemberResponseDto, isArray: true }) items: MemberResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
