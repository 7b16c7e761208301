import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DebriefsService, DecisionsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { DebriefResponseDto } from './dto/debrief.response.dto';
import { RecordDecisionRequestDto } from './dto/decision.request.dto';
import { DecisionResponseDto } from './dto/decision.response.dto';

@ApiTags('debriefs')
@ApiBearerAuth()
@Controller('applications/:id')
export class DebriefsController {
  constructor(
    private readonly debriefs: DebriefsService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get('debrief')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'The calibrated debrief: latest report, submitted scorecards, disagreements, red flags, missing feedback, decision',
    response: DebriefResponseDto,
    errors: ['application_not_found', 'feedback_blind', 'debrief_forbidden'],
  })
  debrief(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<DebriefResponseDto> {
    return this.debriefs.get(auth, id);
  }

  @Post('decision')
  @Roles('admin', 'hiring_manager')
  @ApiContract({
    summary: 'Record the hiring decision (once); going against the report needs an override reason. Ends amendments.',
    response: DecisionResponseDto,
    status: 201,
    errors: ['application_not_found', 'feedback_blind', 'decision_forbidden', 'decision_already_recorded', 'application_not_active', 'report_stale'],
  })
  decide(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: RecordDecisionRequestDto): Promise<DecisionResponseDto> {
    return this.decisions.decide(auth, id, dto);
  }

  @Get('decision')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'The recorded hiring decision',
    response: DecisionResponseDto,
    errors: ['application_not_found', 'feedback_blind', 'debrief_forbidden', 'decision_not_found'],
  })
  decision(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<DecisionResponseDto> {
    return this.decisions.get(auth, id);
  }
}
