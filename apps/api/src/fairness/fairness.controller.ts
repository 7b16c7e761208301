import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { AdverseImpactReportDto, adverseImpactCsv, FairnessService } from './fairness.service';

class AdverseImpactQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One role; all roles when omitted' })
  @IsOptional()
  @IsUUID('all', { message: 'roleId must be a UUID' })
  roleId?: string;
}

@ApiTags('fairness')
@ApiBearerAuth()
@Controller('fairness')
@Roles('compliance')
export class FairnessController {
  constructor(private readonly fairness: FairnessService) {}

  @Get('adverse-impact')
  @ApiOperation({ summary: 'Adverse-impact report per stage, category and intersection; per-dimension Cohen’s d; per-interviewer score gaps (compliance only)' })
  report(@Auth() auth: AuthContext, @Query() query: AdverseImpactQueryDto): Promise<AdverseImpactReportDto> {
    return this.fairness.adverseImpact(auth, query.roleId ?? null);
  }

  @Get('adverse-impact.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="adverse-impact.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The impact table as CSV for an auditor (compliance only)' })
  async csv(@Auth() auth: AuthContext, @Query() query: AdverseImpactQueryDto): Promise<string> {
    return adverseImpactCsv(await this.fairness.adverseImpact(auth, query.roleId ?? null));
  }
}
