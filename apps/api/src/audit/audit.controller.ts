import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditService, AuthContext, Page, PageQueryDto, ScorecardsRepository, withholdBlindAuditEntries } from '@hireloop/core';
import type { AuditLogItem } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) action?: string;
}

/** Read-only by design: the audit log has no write, update or delete route, and the table refuses them. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  /** Scorecard entries of applications on whose panel the admin is still blind come without their content. */
  @Get()
  @Roles('admin')
  async list(@Auth() auth: AuthContext, @Query() query: AuditLogQueryDto): Promise<Page<AuditLogItem>> {
    const page = await this.audit.list(auth.organizationId, { entityType: query.entityType, entityId: query.entityId, action: query.action }, query);
    const blind = new Set(await this.scorecards.blindApplicationIds(auth.organizationId, auth.memberId));
    return { ...page, items: withholdBlindAuditEntries(page.items, blind) };
  }
}
