import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { PageQueryDto } from '../common/pagination';
import { QuestionEntity } from './question.entity';

export interface QuestionFilter {
  /** Case-insensitive substring of the prompt. */
  q?: string;
  tag?: string;
  dimensionId?: string;
}

export interface QuestionUse {
  roundId: string;
  roundName: string;
  roleId: string;
  roleTitle: string;
}

/** `%`, `_` and the escape character itself match literally in ILIKE. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The organization's question bank. Every method takes the organization id. */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string, questionId: string, manager: EntityManager = this.dataSource.manager): Promise<QuestionEntity | null> {
    return manager.findOne(QuestionEntity, { where: { organizationId, id: questionId } });
  }

  /** Locks the question row; rounds that link questions take a share lock, so a delete cannot race a new link. */
  lockById(manager: EntityManager, organizationId: string, questionId: string): Promise<QuestionEntity | null> {
    return manager.findOne(QuestionEntity, { where: { organizationId, id: questionId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Ids among `ids` that are questions of the organization, share-locked until the end of the transaction. */
  async existingIdsForLink(manager: EntityManager, organizationId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM questions WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR SHARE`,
      [organizationId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  page(organizationId: string, query: PageQueryDto, filter: QuestionFilter): Promise<QuestionEntity[]> {
    const qb = this.filtered(organizationId, filter);
    applyKeyset(qb, query, { alias: 'q', sortColumn: 'created_at', direction: 'DESC' });
    return qb.getMany();
  }

  /** How many questions match the filter (every page). */
  count(organizationId: string, filter: QuestionFilter): Promise<number> {
    return this.filtered(organizationId, filter).getCount();
  }

  private filtered(organizationId: string, filter: QuestionFilter) {
    const qb = this.dataSource.getRepository(QuestionEntity).createQueryBuilder('q').where('q.organization_id = :organizationId', { organizationId });
    if (filter.q) qb.andWhere(`q.prompt ILIKE :pattern ESCAPE '\\'`, { pattern: `%${escapeLike(filter.q)}%` });
    if (filter.tag) qb.andWhere(':tag = ANY(q.tags)', { tag: filter.tag });
    if (filter.dimensionId) qb.andWhere(':dimensionId::uuid = ANY(q.dimension_ids)', { dimensionId: filter.dimensionId });
    return qb;
  }

  cursorOf(question: QuestionEntity) {
    return { sortValue: timestampKey(question.createdAt), id: question.id };
  }

  insert(manager: EntityManager, values: Partial<QuestionEntity> & { organizationId: string; prompt: string }): Promise<QuestionEntity> {
    return manager.save(manager.create(QuestionEntity, values));
  }

  async update(manager: EntityManager, organizationId: string, questionId: string, patch: Partial<QuestionEntity>): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await manager.update(QuestionEntity, { organizationId, id: questionId }, patch);
  }

  async delete(manager: EntityManager, organizationId: string, questionId: string): Promise<void> {
    await manager.delete(QuestionEntity, { organizationId, id: questionId });
  }

  /** Rounds (of any role of the organization) that link the question. */
  usedBy(manager: EntityManager, organizationId: string, questionId: string): Promise<QuestionUse[]> {
    return manager.query(
      `SELECT ro.id AS "roundId", ro.name AS "roundName", r.id AS "roleId", r.title AS "roleTitle"
         FROM rounds ro JOIN roles r ON r.id = ro.role_id
        WHERE ro.organization_id = $1 AND $2::uuid = ANY(ro.question_ids)
        ORDER BY r.title, ro.position`,
      [organizationId, questionId],
    );
  }

  /** A question of the organization with this exact prompt carrying `tag` (templates reuse their questions). */
  findByTagAndPrompt(manager: EntityManager, organizationId: string, tag: string, prompt: string): Promise<QuestionEntity | null> {
    return manager
      .createQueryBuilder(QuestionEntity, 'q')
      .where('q.organization_id = :organizationId AND :tag = ANY(q.tags) AND q.prompt = :prompt', { organizationId, tag, prompt })
      .orderBy('q.created_at', 'ASC')
      .getOne();
  }

  /** Ids among `ids` that are dimensions (of any role) of the organization. */
  async existingDimensionIds(manager: EntityManager, organizationId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(`SELECT id FROM dimensions WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [
      organizationId,
      ids,
    ]);
    return new Set(rows.map((r) => r.id));
  }
}
