import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CandidateErasureService } from './candidate-erasure.service';
import { CandidatesService } from './candidates.service';
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
  @ApiOperation({ summary: 'Add a candidate (email unique per organization, stored lower-cased)' })
  create(@Auth() auth: AuthContext, @Body() dto: CreateCandidateRequestDto): Promise<CandidateResponseDto> {
    return this.candidates.create(auth, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List candidates, newest first; ?q= searches name and email' })
  list(@Auth() auth: AuthContext, @Query() query: ListCandidatesQueryDto): Promise<CandidatePageResponseDto> {
    return this.candidates.list(auth, query);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<CandidateDetailResponseDto> {
    return this.candidates.get(auth, id);
  }

  @Patch(':id')
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: UpdateCandidateRequestDto): Promise<CandidateDetailResponseDto> {
    return this.candidates.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase the candidate\'s personal data on request (idempotent); numbers for statistics are kept' })
  @ApiNoContentResponse()
  erase(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<void> {
    return this.erasure.erase(auth, id);
  }
}
