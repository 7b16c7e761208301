import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';

export class RequestValidityReportRequestDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    description: 'The role whose report to compute; leave out for the organization-wide report (null is refused)',
  })
  @ValidateIf((o: RequestValidityReportRequestDto) => o.roleId !== undefined)
  @IsUUID('all', { message: 'roleId must be a role id (UUID)' })
  roleId?: string;
}

export class LatestValidityReportQueryDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'The role; leave out for the organization-wide report' })
  @IsOptional()
  @IsUUID('all', { message: 'roleId must be a role id (UUID)' })
  roleId?: string;
}
