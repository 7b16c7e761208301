import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MembersService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { InviteMemberRequestDto, ListMembersQueryDto, UpdateMemberRequestDto } from './dto/member.request.dto';
import { InviteResponseDto, MemberPageResponseDto, MemberResponseDto } from './dto/member.response.dto';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @Roles('admin')
  @ApiContract({ summary: 'Invite a member; returns a one-time invite token', response: InviteResponseDto, status: 201, errors: ['already_member'] })
  invite(@Auth() auth: AuthContext, @Body() dto: InviteMemberRequestDto): Promise<InviteResponseDto> {
    return this.members.invite(auth, dto);
  }

  @Get()
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({ summary: 'Members of the organization, with their roles and status', response: MemberPageResponseDto, errors: [] })
  list(@Auth() auth: AuthContext, @Query() query: ListMembersQueryDto): Promise<MemberPageResponseDto> {
    return this.members.list(auth, query);
  }

  @Get(':id')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({ summary: 'One member of the organization', response: MemberResponseDto, errors: ['member_not_found'] })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<MemberResponseDto> {
    return this.members.get(auth, id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiContract({ summary: "Change a member's roles", response: MemberResponseDto, errors: ['member_not_found', 'last_admin'] })
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: UpdateMemberRequestDto): Promise<MemberResponseDto> {
    return this.members.updateRoles(auth, id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiContract({
    summary: 'Deactivate a member (idempotent): they can no longer sign in to the organization',
    response: MemberResponseDto,
    errors: ['member_not_found', 'last_admin'],
  })
  deactivate(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<MemberResponseDto> {
    return this.members.deactivate(auth, id);
  }

  @Post(':id/end-sessions')
  @HttpCode(200)
  @Roles('admin')
  @ApiContract({
    summary:
      "End every session of a member in this organization (a lost device, a session someone else may hold): their tokens issued before now are refused; they stay active and may sign in again; their other organizations' sessions are not touched",
    response: MemberResponseDto,
    errors: ['member_not_found'],
  })
  endSessions(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<MemberResponseDto> {
    return this.members.endSessions(auth, id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Roles('admin')
  @ApiContract({
    summary: 'Reactivate a deactivated member who had joined (idempotent): they can sign in again',
    response: MemberResponseDto,
    errors: ['member_not_found', 'member_not_joined'],
  })
  reactivate(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<MemberResponseDto> {
    return this.members.reactivate(auth, id);
  }

  @Post(':id/resend-invite')
  @HttpCode(200)
  @Roles('admin')
  @ApiContract({
    summary:
      'Send a pending invitation again with a fresh link (the previous link stops working; at most once a minute); returns the new one-time token',
    response: InviteResponseDto,
    errors: ['member_not_found', 'invite_not_pending', 'invite_recently_sent'],
  })
  resendInvite(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<InviteResponseDto> {
    return this.members.resendInvite(auth, id);
  }

  @Post(':id/revoke-invite')
  @HttpCode(200)
  @Roles('admin')
  @ApiContract({
    summary: 'Withdraw a pending invitation: its link answers 410 invite_revoked; the address may be invited again',
    response: MemberResponseDto,
    errors: ['member_not_found', 'invite_not_pending'],
  })
  revokeInvite(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<MemberResponseDto> {
    return this.members.revokeInvite(auth, id);
  }
}
