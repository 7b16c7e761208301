import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InterviewMovesService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { MoveInterviewRequestDto } from './dto/move-interview.request.dto';
import { InterviewResponseDto } from './dto/interview.response.dto';

@ApiTags('interviews')
@ApiBearerAuth()
@Controller()
export class InterviewMovesController {
  constructor(private readonly moves: InterviewMovesService) {}

  @Patch('interviews/:id')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Move a scheduled interview (no feedback yet) to another time; interviewers get an updated calendar invitation',
    response: InterviewResponseDto,
    errors: ['interview_not_found', 'interview_not_scheduled', 'interview_has_feedback', 'start_in_past'],
  })
  move(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: MoveInterviewRequestDto): Promise<InterviewResponseDto> {
    return this.moves.move(auth, id, dto);
  }
}
