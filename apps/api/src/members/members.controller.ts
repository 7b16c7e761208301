import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { InviteMemberRequestDto, ListMembersQueryDto, UpdateMemberRequestDto } from './dto/member.request.dto';
import { InviteResponseDto, MemberPageResponseDto, MemberResponseDto } from './dto/member.response.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Invite a member; returns a one-time invite token' })
  invite(@Auth() auth: AuthContext, @Body() dto: InviteMemberRequestDto): Promise<InviteResponseDto> {
    return this.members.invite(auth, dto);
  }

  @Get()
  @Roles('admin', 'recruiter', 'hiring_manager')
  list(@Auth() auth: AuthContext, @Query() query: ListMembersQueryDto): Promise<MemberPageResponseDto> {
    return this.members.list(auth, query);
  }

  @Get(':id')
  @Roles('admin', 'recruiter', 'hiring_manager')
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<MemberResponseDto> {
    return this.members.get(auth, id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: "Change a member's roles" })
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: UpdateMemberRequestDto): Promise<MemberResponseDto> {
    return this.members.updateRoles(auth, id, dto);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles('admin')
  deactivate(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<MemberResponseDto> {
    return this.members.deactivate(auth, id);
  }
}
