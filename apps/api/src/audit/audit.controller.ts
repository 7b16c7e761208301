import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditService, AuthContext, PageQueryDto, ScorecardsRepository, withholdBlindAuditEntries } from '@hireloop/core';
import type { AuditLogItem } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) action?: string;
}

export class AuditLogItemResponseDto implements AuditLogItem {
  @ApiProperty({ description: 'Sequence number of the entry (a decimal string)' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for actions of the system' }) actorMemberId: string | null;
  @ApiProperty({ example: 'scorecard.submitted' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'State before the action (free-form; withheld on blind panels)',
  })
  before: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'State after the action (free-form; withheld on blind panels)',
  })
  after: unknown;
  @ApiPropertyOptional({ description: 'The row held personal fields of a candidate who has since been erased (they are gone)' })
  personalDataErased?: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AuditLogPageResponseDto {
  @ApiProperty({ type: [AuditLogItemResponseDto] }) items: AuditLogItemResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
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
  @ApiContract({
    summary: 'The audit log, newest first, filtered by entity type, entity id or action',
    response: AuditLogPageResponseDto,
    errors: [],
  })
  async list(@Auth() auth: AuthContext, @Query() query: AuditLogQueryDto): Promise<AuditLogPageResponseDto> {
    const page = await this.audit.list(auth.organizationId, { entityType: query.entityType, entityId: query.entityId, action: query.action }, query);
    const blind = new Set(await this.scorecards.blindApplicationIds(auth.organizationId, auth.memberId));
    return { ...page, items: withholdBlindAuditEntries(page.items, blind) };
  }
}
