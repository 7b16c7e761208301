import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppError,
  AuditService,
  AuthContext,
  canonicalJson,
  FieldError,
  LoopVersionsService,
  pageLimit,
  QuestionEntity,
  QuestionsRepository,
  RolesRepository,
  toPage,
  withTotal,
} from '@hireloop/core';
import { CreateQuestionRequestDto, ListQuestionsQueryDto, UpdateQuestionRequestDto } from './dto/question.request.dto';
import { QuestionPageResponseDto, QuestionResponseDto } from './dto/question.response.dto';

const QUESTION_FIELDS = ['prompt', 'pointsOfAssessment', 'pitfalls', 'followUps', 'tags', 'dimensionIds'] as const;

/** The organization's question bank. Rounds embed questions in loop versions, so edits re-sync the roles using them. */
@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly questions: QuestionsRepository,
    private readonly roles: RolesRepository,
    private readonly loopVersions: LoopVersionsService,
    private readonly audit: AuditService,
  ) {}

  async create(auth: AuthContext, dto: CreateQuestionRequestDto): Promise<QuestionResponseDto> {
    const question = await this.dataSource.transaction(async (manager) => {
      await this.assertDimensions(manager, auth, dto.dimensionIds ?? []);
      const row = await this.questions.insert(manager, {
        organizationId: auth.organizationId,
        prompt: dto.prompt,
        pointsOfAssessment: dto.pointsOfAssessment ?? [],
        pitfalls: dto.pitfalls ?? [],
        followUps: dto.followUps ?? [],
        tags: dto.tags ?? [],
        dimensionIds: dto.dimensionIds ?? [],
      });
      await this.audit.record(manager, auth, { action: 'question.created', entityType: 'question', entityId: row.id, after: view(row) });
      return row;
    });
    return QuestionResponseDto.from(question);
  }

  async list(auth: AuthContext, query: ListQuestionsQueryDto): Promise<QuestionPageResponseDto> {
    const filter = { q: query.q || undefined, tag: query.tag || undefined, dimensionId: query.dimensionId };
    const [rows, total] = await Promise.all([
      this.questions.page(auth.organizationId, query, filter),
      query.withTotal ? this.questions.count(auth.organizationId, filter) : undefined,
    ]);
    return withTotal(
      toPage(rows, pageLimit(query), (q) => this.questions.cursorOf(q), QuestionResponseDto.from),
      total,
    );
  }

  async get(auth: AuthContext, questionId: string): Promise<QuestionResponseDto> {
    const question = await this.questions.findById(auth.organizationId, questionId);
    if (!question) throw AppError.notFound('Question', questionId);
    return QuestionResponseDto.from(question);
  }

  async update(auth: AuthContext, questionId: string, dto: UpdateQuestionRequestDto): Promise<QuestionResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.questions.findById(auth.organizationId, questionId, manager))) throw AppError.notFound('Question', questionId);
      // Roles before the question: the same lock order as loop changes, which lock the role and then read questions.
      const roleIds = [...new Set((await this.questions.usedBy(manager, auth.organizationId, questionId)).map((u) => u.roleId))];
      await this.roles.lockMany(manager, auth.organizationId, roleIds);
      const question = await this.questions.lockById(manager, auth.organizationId, questionId);
      if (!question) throw AppError.notFound('Question', questionId);
      if (dto.dimensionIds !== undefined) await this.assertDimensions(manager, auth, dto.dimensionIds);
      const patch: Partial<QuestionEntity> = {};
      for (const field of QUESTION_FIELDS) {
        if (dto[field] !== undefined && canonicalJson(dto[field]) !== canonicalJson(question[field]))
          (patch as Record<string, unknown>)[field] = dto[field];
      }
      if (Object.keys(patch).length === 0) return;
      await this.questions.update(manager, auth.organizationId, questionId, patch);
      for (const roleId of roleIds) {
        const result = await this.loopVersions.sync(manager, auth.organizationId, roleId);
        if (result.created) {
          await this.audit.record(manager, auth, {
            action: 'loop_version.created',
            entityType: 'role',
            entityId: roleId,
            before: { loopVersionId: result.previousVersionId },
            after: { loopVersionId: result.id, number: result.number, cause: { questionId } },
          });
        }
      }
      await this.audit.record(manager, auth, {
        action: 'question.updated',
        entityType: 'question',
        entityId: questionId,
        before: view(question),
        after: view({ ...question, ...patch }),
      });
    });
    return this.get(auth, questionId);
  }

  /** 409 naming the rounds that use the question; loop versions keep their own copy, so history is not affected. */
  async remove(auth: AuthContext, questionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const question = await this.questions.lockById(manager, auth.organizationId, questionId);
      if (!question) throw AppError.notFound('Question', questionId);
      const uses = await this.questions.usedBy(manager, auth.organizationId, questionId);
      if (uses.length > 0) {
        const names = uses.map((u) => `"${u.roundName}" (role "${u.roleTitle}")`).join(', ');
        throw AppError.conflict('question_in_use', `The question is used by round(s) ${names}; remove it from those rounds first.`, { usedBy: uses });
      }
      await this.questions.delete(manager, auth.organizationId, questionId);
      await this.audit.record(manager, auth, { action: 'question.deleted', entityType: 'question', entityId: questionId, before: view(question) });
    });
  }

  private async assertDimensions(manager: EntityManager, auth: AuthContext, dimensionIds: string[]): Promise<void> {
    const found = await this.questions.existingDimensionIds(manager, auth.organizationId, dimensionIds);
    const errors: FieldError[] = dimensionIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !found.has(id))
      .map(({ id, i }) => ({
        field: `dimensionIds.${i}`,
        code: 'unknown_dimension',
        message: `${id} is not a dimension of any role in this organization.`,
      }));
    if (errors.length) throw AppError.invalidFields(errors, errors.map((e) => e.message).join(' '));
  }
}

function view(q: Pick<QuestionEntity, (typeof QUESTION_FIELDS)[number]>): Record<string, unknown> {
  return {
    prompt: q.prompt,
    pointsOfAssessment: q.pointsOfAssessment,
    pitfalls: q.pitfalls,
    followUps: q.followUps,
    tags: q.tags,
    dimensionIds: q.dimensionIds,
  };
}
