import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FeedbackNudgesService, InterviewKitService, InterviewsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { NudgeRequestDto, NudgeResponseDto } from './dto/nudge.dto';
import { InterviewKitResponseDto } from './dto/interview-kit.response.dto';
import { MyCompletedInterviewsQueryDto, MyInterviewsQueryDto, ScheduleInterviewRequestDto } from './dto/interview.request.dto';
import { InterviewResponseDto, MyCompletedInterviewPageResponseDto, MyInterviewsResponseDto } from './dto/interview.response.dto';

@ApiTags('interviews')
@ApiBearerAuth()
@Controller()
export class InterviewsController {
  constructor(
    private readonly interviews: InterviewsService,
    private readonly kits: InterviewKitService,
    private readonly nudges: FeedbackNudgesService,
  ) {}

  @Post('applications/:id/interviews')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: "Schedule a round of the application with interviewers; pins the role's current loop version",
    response: InterviewResponseDto,
    status: 201,
    errors: ['application_not_found', 'application_not_active', 'role_not_found', 'role_not_open', 'start_in_past'],
  })
  schedule(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: ScheduleInterviewRequestDto): Promise<InterviewResponseDto> {
    return this.interviews.schedule(auth, id, dto);
  }

  @Post('interviews/:id/cancel')
  @HttpCode(200)
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Cancel an interview that has no submitted feedback',
    response: InterviewResponseDto,
    errors: ['interview_not_found', 'interview_has_feedback'],
  })
  cancel(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<InterviewResponseDto> {
    return this.interviews.cancel(auth, id);
  }

  @Post('interviews/:id/nudges')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary:
      "Ask an interviewer for their missing scorecard (inbox + email); the role's hiring manager, recruiters and admins; one nudge per interviewer every 12 hours (429 nudge_too_soon)",
    response: NudgeResponseDto,
    status: 201,
    errors: [
      'interview_not_found',
      'nudge_not_allowed',
      'interview_not_scheduled',
      'application_not_active',
      'interview_not_ended',
      'interviewer_inactive',
      'feedback_submitted',
      'nudge_too_soon',
    ],
  })
  nudge(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: NudgeRequestDto): Promise<NudgeResponseDto> {
    return this.nudges.nudge(auth, id, dto);
  }

  @Get('me/interviews')
  @ApiContract({ summary: 'Your upcoming interviews and those awaiting your feedback', response: MyInterviewsResponseDto, errors: [] })
  mine(@Auth() auth: AuthContext, @Query() query: MyInterviewsQueryDto): Promise<MyInterviewsResponseDto> {
    return this.interviews.mine(auth, query);
  }

  @Get('me/interviews/completed')
  @ApiContract({
    summary: 'Your completed interviews (your scorecard submitted), most recently submitted first; searched by candidate name or role title, paged',
    response: MyCompletedInterviewPageResponseDto,
    errors: [],
  })
  completed(@Auth() auth: AuthContext, @Query() query: MyCompletedInterviewsQueryDto): Promise<MyCompletedInterviewPageResponseDto> {
    return this.interviews.completed(auth, query);
  }

  @Get('interviews/:id/kit')
  @ApiContract({
    summary: 'The interview kit: round, focus dimensions with rubric and signals, questions, your own scorecard',
    response: InterviewKitResponseDto,
    errors: ['interview_not_found', 'round_not_in_loop_version'],
  })
  kit(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<InterviewKitResponseDto> {
    return this.kits.kit(auth, id);
  }
}
