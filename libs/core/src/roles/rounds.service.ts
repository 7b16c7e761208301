import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError, FieldError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { canonicalJson } from './loop-versions.service';
import { QuestionsRepository } from './questions.repository';
import { RolesRepository } from './roles.repository';
import { RoundEntity } from './round.entity';
import { CreateRoundInput, RoleView, RoundChangeView, RoundView, UpdateRoundInput } from './role-views';
import { insertAt, moveTo } from './ordering';
import { MAX_ROUNDS_PER_ROLE, RoleLoopService } from './role-loop.service';

const ROUND_FIELDS = ['name', 'kind', 'durationMinutes', 'focusDimensionIds', 'questionIds'] as const;

/** Interview rounds of a role. Every change re-syncs the loop version and keeps an open role ready. */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RolesRepository,
    private readonly questions: QuestionsRepository,
    private readonly loop: RoleLoopService,
    private readonly audit: AuditService,
  ) {}

  async create(auth: AuthContext, roleId: string, dto: CreateRoundInput): Promise<RoundChangeView> {
    const roundId = await this.dataSource.transaction(async (manager) => {
      await this.loop.lockForWrite(manager, auth, roleId);
      const existing = await this.roles.rounds(auth.organizationId, roleId, manager);
      if (existing.length >= MAX_ROUNDS_PER_ROLE)
        throw AppError.conflict('too_many_rounds', `A role can have at most ${MAX_ROUNDS_PER_ROLE} rounds.`);
      const focusDimensionIds = dto.focusDimensionIds ?? [];
      const questionIds = dto.questionIds ?? [];
      await this.assertReferences(manager, auth, roleId, focusDimensionIds, questionIds);
      const round = await this.roles.insertRound(manager, {
        organizationId: auth.organizationId,
        roleId,
        name: dto.name,
        kind: dto.kind,
        durationMinutes: dto.durationMinutes,
        position: existing.length + 1,
        focusDimensionIds,
        questionIds,
      });
      if (dto.position !== undefined) {
        await this.roles.renumber(
          manager,
          'rounds',
          auth.organizationId,
          roleId,
          insertAt(
            existing.map((r) => r.id),
            round.id,
            dto.position,
          ),
        );
      }
      await this.loop.afterLoopChange(manager, auth, roleId);
      await this.audit.record(manager, auth, { action: 'round.created', entityType: 'round', entityId: round.id, after: { roleId, ...view(round) } });
      return round.id;
    });
    return this.changeResponse(auth, roleId, roundId);
  }

  async update(auth: AuthContext, roleId: string, roundId: string, dto: UpdateRoundInput): Promise<RoundChangeView> {
    await this.dataSource.transaction(async (manager) => {
      await this.loop.lockForWrite(manager, auth, roleId);
      const round = await this.findOrThrow(manager, auth, roleId, roundId);
      await this.assertReferences(manager, auth, roleId, dto.focusDimensionIds ?? [], dto.questionIds ?? []);
      const patch: Partial<RoundEntity> = {};
      for (const field of ROUND_FIELDS) {
        if (dto[field] !== undefined && canonicalJson(dto[field]) !== canonicalJson(round[field]))
          (patch as Record<string, unknown>)[field] = dto[field];
      }
      await this.roles.updateRound(manager, auth.organizationId, roundId, patch);
      const moved = dto.position !== undefined && dto.position !== round.position;
      if (moved) {
        const all = await this.roles.rounds(auth.organizationId, roleId, manager);
        await this.roles.renumber(
          manager,
          'rounds',
          auth.organizationId,
          roleId,
          moveTo(
            all.map((r) => r.id),
            roundId,
            dto.position!,
          ),
        );
      }
      if (Object.keys(patch).length === 0 && !moved) return;
      await this.loop.afterLoopChange(manager, auth, roleId);
      const after = await this.findOrThrow(manager, auth, roleId, roundId);
      await this.audit.record(manager, auth, {
        action: 'round.updated',
        entityType: 'round',
        entityId: roundId,
        before: { roleId, ...view(round) },
        after: { roleId, ...view(after) },
      });
    });
    return this.changeResponse(auth, roleId, roundId);
  }

  /** 409 when interviews were scheduled for the round; on an open role, also when a dimension would lose its last round. */
  async remove(auth: AuthContext, roleId: string, roundId: string): Promise<RoleView> {
    await this.dataSource.transaction(async (manager) => {
      await this.loop.lockForWrite(manager, auth, roleId);
      const round = await this.findOrThrow(manager, auth, roleId, roundId);
      const interviews = await this.roles.roundInterviewCount(manager, auth.organizationId, roundId);
      if (interviews > 0) {
        throw AppError.conflict(
          'round_in_use',
          `Round "${round.name}" has ${interviews} interview(s) scheduled or held and cannot be deleted: they keep pointing at it. Remove its questions or focus instead, or clone the role.`,
          { interviewCount: interviews },
        );
      }
      await this.roles.deleteRound(manager, auth.organizationId, roleId, roundId);
      const rest = (await this.roles.rounds(auth.organizationId, roleId, manager)).map((r) => r.id);
      await this.roles.renumber(manager, 'rounds', auth.organizationId, roleId, rest);
      await this.loop.afterLoopChange(manager, auth, roleId);
      await this.audit.record(manager, auth, { action: 'round.deleted', entityType: 'round', entityId: roundId, before: { roleId, ...view(round) } });
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  /** Focus ids must be dimensions of this role; question ids must be questions of the organization (400 naming each). */
  private async assertReferences(
    manager: EntityManager,
    auth: AuthContext,
    roleId: string,
    focusDimensionIds: string[],
    questionIds: string[],
  ): Promise<void> {
    const dimensions = await this.roles.dimensionIdsOfRole(manager, auth.organizationId, roleId, focusDimensionIds);
    const questions = await this.questions.existingIdsForLink(manager, auth.organizationId, questionIds);
    const errors: FieldError[] = [
      ...focusDimensionIds
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !dimensions.has(id))
        .map(({ id, i }) => ({ field: `focusDimensionIds.${i}`, code: 'unknown_dimension', message: `${id} is not a dimension of this role.` })),
      ...questionIds
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !questions.has(id))
        .map(({ id, i }) => ({
          field: `questionIds.${i}`,
          code: 'unknown_question',
          message: `${id} is not a question in this organization's question bank.`,
        })),
    ];
    if (errors.length) throw AppError.invalidFields(errors, errors.map((e) => e.message).join(' '));
  }

  private async findOrThrow(manager: EntityManager, auth: AuthContext, roleId: string, roundId: string): Promise<RoundEntity> {
    const round = await this.roles.findRound(manager, auth.organizationId, roleId, roundId);
    if (!round) throw AppError.notFound('Round', roundId);
    return round;
  }

  private async changeResponse(auth: AuthContext, roleId: string, roundId: string): Promise<RoundChangeView> {
    const role = await this.loop.detail(auth.organizationId, roleId);
    return { round: role.rounds.find((r) => r.id === roundId) as RoundView, role };
  }
}

function view(r: RoundEntity): Record<string, unknown> {
  return {
    name: r.name,
    kind: r.kind,
    durationMinutes: r.durationMinutes,
    position: r.position,
    focusDimensionIds: r.focusDimensionIds,
    questionIds: r.questionIds,
  };
}
