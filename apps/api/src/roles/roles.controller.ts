import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '@hireloop/core';
import { RolesService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CloneRoleRequestDto, CreateRoleRequestDto, ListRolesQueryDto, UpdateRoleRequestDto } from './dto/role.request.dto';
import { LoopVersionPageResponseDto, LoopVersionResponseDto, RolePageResponseDto, RoleResponseDto } from './dto/role.response.dto';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Post()
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Create a draft role (loop version 1, hire policy defaults filled in)',
    response: RoleResponseDto,
    status: 201,
    errors: [],
  })
  create(@Auth() auth: AuthContext, @Body() dto: CreateRoleRequestDto): Promise<RoleResponseDto> {
    return this.roles.create(auth, dto);
  }

  @Get()
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'Roles the caller may see (hiring managers: the roles they manage), newest first',
    response: RolePageResponseDto,
    errors: [],
  })
  list(@Auth() auth: AuthContext, @Query() query: ListRolesQueryDto): Promise<RolePageResponseDto> {
    return this.roles.list(auth, query);
  }

  @Get(':id')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'The role with its dimensions, rounds, weight sum, loop version, hire policy and readiness',
    response: RoleResponseDto,
    errors: ['role_not_found', 'role_access_denied'],
  })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<RoleResponseDto> {
    return this.roles.get(auth, id);
  }

  @Patch(':id')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Edit title, level, department, location, hiring manager or hire policy (merged)',
    response: RoleResponseDto,
    errors: ['role_not_found', 'open_role_must_stay_ready', 'rating_scale_in_use'],
  })
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: UpdateRoleRequestDto): Promise<RoleResponseDto> {
    return this.roles.update(auth, id, dto);
  }

  @Post(':id/open')
  @HttpCode(200)
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Open (or reopen a closed) role; 422 with errors[] when the loop is not ready, warnings in readiness',
    response: RoleResponseDto,
    errors: ['role_not_found', 'loop_not_ready'],
  })
  open(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<RoleResponseDto> {
    return this.roles.open(auth, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin', 'recruiter')
  @ApiContract({ summary: 'Close an open role', response: RoleResponseDto, errors: ['role_not_found', 'role_not_open'] })
  close(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<RoleResponseDto> {
    return this.roles.close(auth, id);
  }

  @Post(':id/clone')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Copy the role (fields, policy, dimensions, rounds, question links) into a new draft',
    response: RoleResponseDto,
    status: 201,
    errors: ['role_not_found'],
  })
  clone(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: CloneRoleRequestDto): Promise<RoleResponseDto> {
    return this.roles.clone(auth, id, dto);
  }

  @Get(':id/loop-versions')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: "The role's loop versions, newest first",
    response: LoopVersionPageResponseDto,
    errors: ['role_not_found', 'role_access_denied'],
  })
  versions(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Query() query: PageQueryDto): Promise<LoopVersionPageResponseDto> {
    return this.roles.versions(auth, id, query);
  }

  @Get(':id/loop-versions/:versionId')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'One loop version with its snapshot',
    response: LoopVersionResponseDto,
    errors: ['role_not_found', 'role_access_denied', 'loop_version_not_found'],
  })
  version(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Param('versionId', UuidParam) versionId: string,
  ): Promise<LoopVersionResponseDto> {
    return this.roles.version(auth, id, versionId);
  }
}
