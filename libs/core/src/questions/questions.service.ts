import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError, FieldError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { Page, pageLimit, toPage, withTotal } from '../common/pagination';
import { canonicalJson, LoopVersionsService } from '../roles/loop-versions.service';
import { QuestionEntity } from '../roles/question.entity';
import { QuestionsRepository } from '../roles/questions.repository';
import { RolesRepository } from '../roles/roles.repository';

/** A new question as sent (the API's `CreateQuestionRequestDto` has this shape). */
export interface CreateQuestionInput {
  prompt: string;
  pointsOfAssessment?: string[];
  pitfalls?: string[];
  followUps?: string[];
  tags?: string[];
  dimensionIds?: string[];
}

/** The fields to change; those left out keep their value. */
export type UpdateQuestionInput = Partial<CreateQuestionInput>;

/** A page of the bank, searched (`q`), filtered by tag or dimension; `withTotal` also counts the matches. */
export interface ListQuestionsQuery {
  limit?: number;
  cursor?: string;
  withTotal?: boolean;
  q?: string;
  tag?: string;
  dimensionId?: string;
}

/** A question as the API answers it (the API's `QuestionResponseDto` has this shape). */
export interface QuestionView {
  id: string;
  prompt: string;
  pointsOfAssessment: string[];
  pitfalls: string[];
  followUps: string[];
  tags: string[];
  dimensionIds: string[];
  createdAt: string;
  updatedAt: string;
}

export type QuestionPage = Page<QuestionView> & { total?: number };

export function questionView(q: QuestionEntity): QuestionView {
  return {
    id: q.id,
    prompt: q.prompt,
    pointsOfAssessment: q.pointsOfAssessment,
    pitfalls: q.pitfalls,
    followUps: q.followUps,
    tags: q.tags,
    dimensionIds: q.dimensionIds,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

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

  async create(auth: AuthContext, input: CreateQuestionInput): Promise<QuestionView> {
    const question = await this.dataSource.transaction(async (manager) => {
      await this.assertDimensions(manager, auth, input.dimensionIds ?? []);
      const row = await this.questions.insert(manager, {
        organizationId: auth.organizationId,
        prompt: input.prompt,
        pointsOfAssessment: input.pointsOfAssessment ?? [],
        pitfalls: input.pitfalls ?? [],
        followUps: input.followUps ?? [],
        tags: input.tags ?? [],
        dimensionIds: input.dimensionIds ?? [],
      });
      await this.audit.record(manager, auth, { action: 'question.created', entityType: 'question', entityId: row.id, after: view(row) });
      return row;
    });
    return questionView(question);
  }

  async list(auth: AuthContext, query: ListQuestionsQuery): Promise<QuestionPage> {
    const filter = { q: query.q || undefined, tag: query.tag || undefined, dimensionId: query.dimensionId };
    const [rows, total] = await Promise.all([
      this.questions.page(auth.organizationId, query, filter),
      query.withTotal ? this.questions.count(auth.organizationId, filter) : undefined,
    ]);
    return withTotal(
      toPage(rows, pageLimit(query), (q) => this.questions.cursorOf(q), questionView),
      total,
    );
  }

  async get(auth: AuthContext, questionId: string): Promise<QuestionView> {
    const question = await this.questions.findById(auth.organizationId, questionId);
    if (!question) throw AppError.notFound('Question', questionId);
    return questionView(question);
  }

  async update(auth: AuthContext, questionId: string, input: UpdateQuestionInput): Promise<QuestionView> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.questions.findById(auth.organizationId, questionId, manager))) throw AppError.notFound('Question', questionId);
      // Roles before the question: the same lock order as loop changes, which lock the role and then read questions.
      const roleIds = [...new Set((await this.questions.usedBy(manager, auth.organizationId, questionId)).map((u) => u.roleId))];
      await this.roles.lockMany(manager, auth.organizationId, roleIds);
      const question = await this.questions.lockById(manager, auth.organizationId, questionId);
      if (!question) throw AppError.notFound('Question', questionId);
      if (input.dimensionIds !== undefined) await this.assertDimensions(manager, auth, input.dimensionIds);
      const patch: Partial<QuestionEntity> = {};
      for (const field of QUESTION_FIELDS) {
        if (input[field] !== undefined && canonicalJson(input[field]) !== canonicalJson(question[field]))
          (patch as Record<string, unknown>)[field] = input[field];
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
