import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { AdverseImpactReportResponseDto } from './dto/adverse-impact.response.dto';
import { adverseImpactCsv, CSV_TABLES, type CsvTable } from '@hireloop/core/fairness/adverse-impact-csv';
import { AdverseImpactReportDto, FairnessRolesResponseDto, FairnessService } from '@hireloop/core/fairness/fairness.service';

class AdverseImpactQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One role; all roles when omitted' })
  @IsOptional()
  @IsUUID('all', { message: 'roleId must be a UUID' })
  roleId?: string;
}

class AdverseImpactCsvQueryDto extends AdverseImpactQueryDto {
  @ApiPropertyOptional({
    enum: CSV_TABLES,
    default: 'impact',
    description:
      "Which table: impact (the default, columns unchanged), dimensions (Cohen's d), interviewers (rating gaps), or all three with a `table` column",
  })
  @IsOptional()
  @IsIn(CSV_TABLES, { message: `table must be one of ${CSV_TABLES.join(', ')}` })
  table?: CsvTable;
}

@ApiTags('fairness')
@ApiBearerAuth()
@Controller('fairness')
@Roles('compliance')
export class FairnessController {
  constructor(private readonly fairness: FairnessService) {}

  @Get('roles')
  @ApiContract({
    summary: "The organization's roles (id, title, status) for the report's role filter: compliance cannot list roles themselves (compliance only)",
    response: FairnessRolesResponseDto,
    errors: [],
  })
  roles(@Auth() auth: AuthContext): Promise<FairnessRolesResponseDto> {
    return this.fairness.roles(auth);
  }

  @Get('adverse-impact')
  @ApiContract({
    summary: 'Adverse-impact report per stage, category and intersection; per-dimension Cohen’s d; per-interviewer score gaps (compliance only)',
    response: AdverseImpactReportResponseDto,
    errors: ['role_not_found'],
  })
  report(@Auth() auth: AuthContext, @Query() query: AdverseImpactQueryDto): Promise<AdverseImpactReportDto> {
    return this.fairness.adverseImpact(auth, query.roleId ?? null);
  }

  @Get('adverse-impact.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="adverse-impact.csv"')
  @ApiContract({
    summary:
      "The adverse-impact report as CSV for an auditor (compliance only): the impact table by default; ?table=dimensions (Cohen's d), interviewers (rating gaps) or all (one file with a table column)",
    response: { type: 'string' },
    contentType: 'text/csv',
    errors: ['role_not_found'],
  })
  async csv(@Auth() auth: AuthContext, @Query() query: AdverseImpactCsvQueryDto): Promise<string> {
    return adverseImpactCsv(await this.fairness.adverseImpact(auth, query.roleId ?? null), query.table ?? 'impact');
  }
}
