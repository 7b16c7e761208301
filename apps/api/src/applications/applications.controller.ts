import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { ApplicationsService } from './applications.service';
import { CreateApplicationRequestDto, ListApplicationsQueryDto, UpdateApplicationRequestDto } from './dto/application.request.dto';
import { ApplicationDetailResponseDto, ApplicationPageResponseDto } from './dto/application.response.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('admin', 'recruiter')
  @ApiOperation({ summary: 'Apply a candidate to an open role' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateApplicationRequestDto): Promise<ApplicationDetailResponseDto> {
    return this.applications.create(auth, dto);
  }

  @Get()
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiOperation({ summary: 'List applications (hiring managers: those of their roles), newest first' })
  list(@Auth() auth: AuthContext, @Query() query: ListApplicationsQueryDto): Promise<ApplicationPageResponseDto> {
    return this.applications.list(auth, query);
  }

  @Get(':id')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiOperation({ summary: 'An application with its candidate, role and interviews' })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<ApplicationDetailResponseDto> {
    return this.applications.get(auth, id);
  }

  @Patch(':id')
  @Roles('admin', 'recruiter')
  @ApiOperation({ summary: 'Change the stage, or reject / withdraw an active application' })
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: UpdateApplicationRequestDto): Promise<ApplicationDetailResponseDto> {
    return this.applications.update(auth, id, dto);
  }
}
