import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import type { FastifyRequest } from 'fastify';
import { OUTCOME_CSV_COLUMNS, OutcomeUploadsService, type AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { OutcomeImportResponseDto } from './dto/outcome-import.response.dto';

@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('outcomes/imports')
export class OutcomeImportsController {
  constructor(private readonly uploads: OutcomeUploadsService) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'people_analytics')
  @ApiConsumes('text/csv')
  @ApiBody({
    description: `UTF-8 CSV with the header ${OUTCOME_CSV_COLUMNS.join(',')} (application_id, or candidate_email + role)`,
    schema: { type: 'string' },
  })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'Check every row and report, write nothing' })
  @ApiContract({
    summary: 'Import outcomes from an HR system: streamed, checked row by row, applied by the worker all or nothing',
    response: OutcomeImportResponseDto,
    status: 202,
    errors: ['payload_too_large', 'unsupported_media_type'],
  })
  upload(
    @Auth() auth: AuthContext,
    @Req() request: FastifyRequest,
    @Headers('content-length') contentLength: string | undefined,
    @Query('dryRun') dryRun?: string,
  ): Promise<OutcomeImportResponseDto> {
    const length = contentLength === undefined ? undefined : Number(contentLength);
    return this.uploads.upload(auth, request.body, Number.isFinite(length) ? length : undefined, dryRun === 'true' || dryRun === '1');
  }

  @Get(':id')
  @Roles('admin', 'people_analytics')
  @ApiContract({
    summary: "An import's progress: rows read, accepted, rejected (with row, column and reason), written, unchanged",
    response: OutcomeImportResponseDto,
    errors: ['outcome_import_not_found'],
  })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<OutcomeImportResponseDto> {
    return this.uploads.get(auth, id);
  }
}
