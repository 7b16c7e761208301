import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { inviteSentAt, isJoined, isPendingInvite, MEMBER_ROLES, MemberEntity, MemberRole } from '@hireloop/core';

export class MemberResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({
    description: "The user's id once the invite is accepted; until then the membership's id (an invite reveals nothing about an existing account)",
  })
  userId: string;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'Until the invite is accepted: the name given in the invite' })
  name: string;
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole', isArray: true }) roles: MemberRole[];
  @ApiProperty({ enum: ['invited', 'active', 'deactivated'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Whether the member accepted an invitation (or signed up): false for a pending or revoked invitation' })
  joined: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'While the invitation is pending: when its link expires' })
  inviteExpiresAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'While the invitation is pending: when it was last sent (a resend waits a minute after it)',
  })
  inviteSentAt: string | null;

  static from(member: MemberEntity): MemberResponseDto {
    // A member who has not joined (invited, or deactivated before accepting) is not shown as the account behind the
    // email: neither its id nor its name. Accepting clears invitedName.
    const pending = member.invitedName != null && member.status !== 'active';
    const invitePending = isPendingInvite(member) && member.inviteExpiresAt != null;
    return {
      id: member.id,
      userId: pending ? member.id : member.userId,
      email: member.user?.email ?? '',
      name: pending ? (member.invitedName ?? '') : (member.user?.name ?? ''),
      roles: member.roles,
      status: member.status,
      createdAt: member.createdAt.toISOString(),
      joined: isJoined(member),
      inviteExpiresAt: invitePending ? member.inviteExpiresAt!.toISOString() : null,
      inviteSentAt: invitePending ? inviteSentAt(member.inviteExpiresAt!).toISOString() : null,
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
  @ApiPropertyOptional({ description: 'With ?withTotal=true: how many members match (every page)' }) total?: number;
}
