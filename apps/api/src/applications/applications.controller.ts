import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApplicationsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateApplicationRequestDto, ListApplicationsQueryDto, UpdateApplicationRequestDto } from './dto/application.request.dto';
import { ApplicationDetailResponseDto, ApplicationPageResponseDto } from './dto/application.response.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Apply a candidate to an open role',
    response: ApplicationDetailResponseDto,
    status: 201,
    errors: ['candidate_not_found', 'candidate_erased', 'role_not_found', 'role_not_open', 'application_exists'],
  })
  create(@Auth() auth: AuthContext, @Body() dto: CreateApplicationRequestDto): Promise<ApplicationDetailResponseDto> {
    return this.applications.create(auth, dto);
  }

  @Get()
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'List applications (hiring managers: those of their roles), newest first',
    response: ApplicationPageResponseDto,
    errors: [],
  })
  list(@Auth() auth: AuthContext, @Query() query: ListApplicationsQueryDto): Promise<ApplicationPageResponseDto> {
    return this.applications.list(auth, query);
  }

  @Get(':id')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'An application with its candidate, role and interviews',
    response: ApplicationDetailResponseDto,
    errors: ['application_not_found', 'application_access_denied'],
  })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<ApplicationDetailResponseDto> {
    return this.applications.get(auth, id);
  }

  @Patch(':id')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Change the stage, or reject / withdraw an active application',
    response: ApplicationDetailResponseDto,
    errors: ['application_not_found', 'decision_recorded', 'application_not_active'],
  })
  update(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateApplicationRequestDto,
  ): Promise<ApplicationDetailResponseDto> {
    return this.applications.update(auth, id, dto);
  }
}
