import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CandidatesService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CandidateErasureService } from '@hireloop/core/candidates/candidate-erasure.service';
import { CreateCandidateRequestDto, ListCandidatesQueryDto, UpdateCandidateRequestDto } from './dto/candidate.request.dto';
import { CandidateDetailResponseDto, CandidatePageResponseDto, CandidateResponseDto } from './dto/candidate.response.dto';

@ApiTags('candidates')
@ApiBearerAuth()
@Controller('candidates')
@Roles('admin', 'recruiter')
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly erasure: CandidateErasureService,
  ) {}

  @Post()
  @ApiContract({
    summary: 'Add a candidate (email unique per organization, stored lower-cased)',
    response: CandidateResponseDto,
    status: 201,
    errors: ['candidate_email_taken'],
  })
  create(@Auth() auth: AuthContext, @Body() dto: CreateCandidateRequestDto): Promise<CandidateResponseDto> {
    return this.candidates.create(auth, dto);
  }

  @Get()
  @ApiContract({ summary: 'List candidates, newest first; ?q= searches name and email', response: CandidatePageResponseDto, errors: [] })
  list(@Auth() auth: AuthContext, @Query() query: ListCandidatesQueryDto): Promise<CandidatePageResponseDto> {
    return this.candidates.list(auth, query);
  }

  @Get(':id')
  @ApiContract({ summary: 'A candidate with their applications', response: CandidateDetailResponseDto, errors: ['candidate_not_found'] })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<CandidateDetailResponseDto> {
    return this.candidates.get(auth, id);
  }

  @Patch(':id')
  @ApiContract({
    summary: 'Edit a candidate (email unique per organization)',
    response: CandidateDetailResponseDto,
    errors: ['candidate_not_found', 'candidate_erased', 'candidate_email_taken'],
  })
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: UpdateCandidateRequestDto): Promise<CandidateDetailResponseDto> {
    return this.candidates.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiContract({
    summary: "Erase the candidate's personal data on request (idempotent); numbers for statistics are kept",
    response: null,
    status: 204,
    errors: ['candidate_not_found'],
  })
  erase(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<void> {
    return this.erasure.erase(auth, id);
  }
}
