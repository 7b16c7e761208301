import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { QuestionsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateQuestionRequestDto, ListQuestionsQueryDto, UpdateQuestionRequestDto } from './dto/question.request.dto';
import { QuestionPageResponseDto, QuestionResponseDto } from './dto/question.response.dto';

@ApiTags('questions')
@ApiBearerAuth()
@Controller('questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Post()
  @Roles('admin', 'recruiter')
  @ApiContract({ summary: "Add a question to the organization's question bank", response: QuestionResponseDto, status: 201, errors: [] })
  create(@Auth() auth: AuthContext, @Body() dto: CreateQuestionRequestDto): Promise<QuestionResponseDto> {
    return this.questions.create(auth, dto);
  }

  @Get()
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'Search the question bank by prompt text (q), tag and dimension, newest first',
    response: QuestionPageResponseDto,
    errors: [],
  })
  list(@Auth() auth: AuthContext, @Query() query: ListQuestionsQueryDto): Promise<QuestionPageResponseDto> {
    return this.questions.list(auth, query);
  }

  @Get(':id')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({ summary: 'One question of the question bank', response: QuestionResponseDto, errors: ['question_not_found'] })
  get(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<QuestionResponseDto> {
    return this.questions.get(auth, id);
  }

  @Patch(':id')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Edit a question; loops using it get the change (a new loop version where scorecards exist)',
    response: QuestionResponseDto,
    errors: ['question_not_found'],
  })
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: UpdateQuestionRequestDto): Promise<QuestionResponseDto> {
    return this.questions.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: 'Delete a question; 409 naming the rounds that use it',
    response: null,
    status: 204,
    errors: ['question_not_found', 'question_in_use'],
  })
  remove(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<void> {
    return this.questions.remove(auth, id);
  }
}
