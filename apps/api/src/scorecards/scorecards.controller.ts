import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiContract } from '../common/api-contract';
import { AuthContext, IDEMPOTENCY_HEADER, PageQueryDto, ScorecardReadsService, ScorecardWritesService } from '@hireloop/core';
import { Auth } from '../common/auth.decorators';
import { IdempotencyKey, sendIdempotent } from '../common/idempotency';
import { UuidParam } from '../common/uuid-param';
import {
  ScorecardAmendRequestDto,
  ScorecardDraftRequestDto,
  ScorecardSubmitRequestDto,
  ScorecardWithdrawRequestDto,
} from './dto/scorecard.request.dto';
import { ScorecardPageResponseDto, ScorecardResponseDto } from './dto/scorecard.response.dto';

const IDEMPOTENCY = ApiHeader({
  name: IDEMPOTENCY_HEADER,
  required: false,
  description: 'Makes retries safe: the same key and body replay the first response; the same key with another body is a 422.',
});

/** Scorecards: writes by the assigned interviewer (the service checks the assignment), reads under the blind rule. */
@ApiTags('scorecards')
@ApiBearerAuth()
@Controller()
export class ScorecardsController {
  constructor(
    private readonly writes: ScorecardWritesService,
    private readonly reads: ScorecardReadsService,
  ) {}

  @Get('interviews/:id/scorecard')
  @ApiContract({
    summary: 'Your own scorecard for the interview (draft or submitted), with its history',
    response: ScorecardResponseDto,
    errors: ['interview_not_found', 'scorecard_not_found'],
  })
  own(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<ScorecardResponseDto> {
    return this.reads.own(auth, id);
  }

  @Put('interviews/:id/scorecard')
  @ApiContract({
    summary: 'Save (replace) your draft; shapes, dimensions and signals are checked, completeness is not',
    response: ScorecardResponseDto,
    errors: [
      'interview_not_found',
      'interview_cancelled',
      'application_not_found',
      'decision_recorded',
      'round_not_in_loop_version',
      'not_assigned',
      'already_submitted',
    ],
  })
  saveDraft(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: ScorecardDraftRequestDto): Promise<ScorecardResponseDto> {
    return this.writes.saveDraft(auth, id, dto);
  }

  @Post('interviews/:id/scorecard/submit')
  @HttpCode(200)
  @IDEMPOTENCY
  @ApiContract({
    summary: 'Submit your scorecard (idempotent); the application report is then recomputed',
    response: ScorecardResponseDto,
    errors: [
      'interview_not_found',
      'interview_cancelled',
      'interview_not_started',
      'application_not_found',
      'decision_recorded',
      'round_not_in_loop_version',
      'not_assigned',
      'already_submitted',
      'scorecard_withdrawn',
      'idempotency_key_reuse',
    ],
  })
  async submit(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() dto: ScorecardSubmitRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardResponseDto> {
    return sendIdempotent(reply, await this.writes.submit(auth, id, dto, key));
  }

  @Post('interviews/:id/scorecard/amend')
  @HttpCode(200)
  @IDEMPOTENCY
  @ApiContract({
    summary: 'Amend your submitted scorecard with a reason (a new revision), until the hiring decision',
    response: ScorecardResponseDto,
    errors: [
      'interview_not_found',
      'interview_cancelled',
      'application_not_found',
      'decision_recorded',
      'round_not_in_loop_version',
      'not_assigned',
      'not_submitted',
      'no_changes',
      'idempotency_key_reuse',
    ],
  })
  async amend(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() dto: ScorecardAmendRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardResponseDto> {
    return sendIdempotent(reply, await this.writes.amend(auth, id, dto, key));
  }

  @Post('interviews/:id/scorecard/withdraw')
  @HttpCode(200)
  @IDEMPOTENCY
  @ApiContract({
    summary: 'Withdraw your submitted scorecard with a reason, until the hiring decision',
    response: ScorecardResponseDto,
    errors: [
      'interview_not_found',
      'interview_cancelled',
      'application_not_found',
      'decision_recorded',
      'round_not_in_loop_version',
      'not_assigned',
      'not_submitted',
      'idempotency_key_reuse',
    ],
  })
  async withdraw(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @IdempotencyKey() key: string | undefined,
    @Body() dto: ScorecardWithdrawRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScorecardResponseDto> {
    return sendIdempotent(reply, await this.writes.withdraw(auth, id, dto, key));
  }

  @Get('applications/:id/scorecards')
  @ApiContract({
    summary:
      "The application's feedback. Interviewers: 403 feedback_blind until they submitted their own; private notes only for the hiring manager and admins",
    response: ScorecardPageResponseDto,
    errors: ['application_not_found', 'feedback_blind', 'not_on_panel'],
  })
  list(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Query() query: PageQueryDto): Promise<ScorecardPageResponseDto> {
    return this.reads.listForApplication(auth, id, query);
  }

  @Get('scorecards/:id')
  @ApiContract({
    summary: 'One scorecard with the full content of every revision (same rules as the list)',
    response: ScorecardResponseDto,
    errors: ['scorecard_not_found', 'application_not_found', 'feedback_blind', 'not_on_panel'],
  })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<ScorecardResponseDto> {
    return this.reads.get(auth, id);
  }
}
