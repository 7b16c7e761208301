import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@hireloop/config';
import { ValidityReportsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { LatestValidityReportQueryDto, RequestValidityReportRequestDto } from './dto/validity-report.request.dto';
import { ValidityReportResponseDto } from './dto/validity-report.response.dto';

@ApiTags('quality-of-hire')
@ApiBearerAuth()
@Controller('quality-of-hire/reports')
export class ValidityReportsController {
  constructor(
    private readonly reports: ValidityReportsService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'people_analytics', 'hiring_manager')
  @ApiContract({
    summary: "Queue a validity report (organization-wide, or a role's): the worker computes it; poll GET …/reports/{id}",
    response: ValidityReportResponseDto,
    status: 202,
    errors: ['role_not_found', 'validity_reports_forbidden'],
  })
  request(@Auth() auth: AuthContext, @Body() dto: RequestValidityReportRequestDto): Promise<ValidityReportResponseDto> {
    return this.reports.request(auth, dto.roleId ?? null, this.config.QUALITY_OF_HIRE_MIN_N);
  }

  @Get('latest')
  @Roles('admin', 'people_analytics', 'hiring_manager')
  @ApiContract({
    summary: 'The latest done validity report of a role (roleId) or the organization (no roleId); the latest of any status while none is done',
    response: ValidityReportResponseDto,
    errors: ['role_not_found', 'validity_reports_forbidden', 'validity_report_not_found'],
  })
  latest(@Auth() auth: AuthContext, @Query() query: LatestValidityReportQueryDto): Promise<ValidityReportResponseDto> {
    return this.reports.latest(auth, query.roleId ?? null);
  }

  @Get(':id')
  @Roles('admin', 'people_analytics', 'hiring_manager')
  @ApiContract({
    summary: 'One validity report by id',
    response: ValidityReportResponseDto,
    errors: ['validity_report_not_found', 'validity_reports_forbidden'],
  })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<ValidityReportResponseDto> {
    return this.reports.get(auth, id);
  }
}
