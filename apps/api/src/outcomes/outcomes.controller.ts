import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { OutcomesService, type AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { PerformanceScaleRequestDto, RecordOutcomeRequestDto, UpdateOutcomeRequestDto } from './dto/outcome.request.dto';
import { OutcomeResponseDto, OutcomesResponseDto, PerformanceScaleResponseDto } from './dto/outcome.response.dto';

@ApiTags('outcomes')
@ApiBearerAuth()
@Controller()
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Get('applications/:id/outcomes')
  @Roles('admin', 'hiring_manager', 'people_analytics')
  @ApiContract({
    summary: "A hired application's outcomes (performance ratings, time to productivity, departure, promotions) and the rating scale",
    response: OutcomesResponseDto,
    errors: ['application_not_found', 'outcomes_forbidden', 'application_not_hired'],
  })
  list(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<OutcomesResponseDto> {
    return this.outcomes.list(auth, id);
  }

  @Post('applications/:id/outcomes')
  @Roles('admin', 'hiring_manager', 'people_analytics')
  @ApiContract({
    summary: 'Record one outcome of a hired application',
    response: OutcomeResponseDto,
    status: 201,
    errors: ['application_not_found', 'outcomes_forbidden', 'application_not_hired', 'outcome_exists'],
  })
  record(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: RecordOutcomeRequestDto): Promise<OutcomeResponseDto> {
    return this.outcomes.record(auth, id, dto);
  }

  @Patch('applications/:id/outcomes/:outcomeId')
  @Roles('admin', 'hiring_manager', 'people_analytics')
  @ApiContract({
    summary: 'Correct one outcome (its kind stays)',
    response: OutcomeResponseDto,
    errors: ['application_not_found', 'outcome_not_found', 'outcomes_forbidden', 'application_not_hired', 'outcome_exists'],
  })
  update(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Param('outcomeId', UuidParam) outcomeId: string,
    @Body() dto: UpdateOutcomeRequestDto,
  ): Promise<OutcomeResponseDto> {
    return this.outcomes.update(auth, id, outcomeId, dto);
  }

  @Delete('applications/:id/outcomes/:outcomeId')
  @HttpCode(204)
  @Roles('admin', 'hiring_manager', 'people_analytics')
  @ApiContract({
    summary: 'Delete one outcome',
    response: null,
    status: 204,
    errors: ['application_not_found', 'outcome_not_found', 'outcomes_forbidden', 'application_not_hired'],
  })
  remove(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Param('outcomeId', UuidParam) outcomeId: string): Promise<void> {
    return this.outcomes.remove(auth, id, outcomeId);
  }

  @Get('outcomes/scale')
  @Roles('admin', 'hiring_manager', 'people_analytics')
  @ApiContract({
    summary: "The organization's performance-rating scale (1–5 with labels unless changed)",
    response: PerformanceScaleResponseDto,
    errors: [],
  })
  scale(@Auth() auth: AuthContext): Promise<PerformanceScaleResponseDto> {
    return this.outcomes.scale(auth);
  }

  @Put('outcomes/scale')
  @Roles('admin')
  @ApiContract({
    summary: "Set the organization's performance-rating scale (refused while recorded ratings lie outside it)",
    response: PerformanceScaleResponseDto,
    errors: ['ratings_outside_scale'],
  })
  setScale(@Auth() auth: AuthContext, @Body() dto: PerformanceScaleRequestDto): Promise<PerformanceScaleResponseDto> {
    return this.outcomes.setScale(auth, dto);
  }
}
