import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError, FieldError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { DimensionEntity } from './dimension.entity';
import { formatWeight, sumWeights } from './loop-readiness';
import { Rubric } from './loop-snapshot';
import { canonicalJson } from './loop-versions.service';
import { RatingScaleKind, ratingScaleOf, rubricKeysOf } from './rating-scale';
import { RolesRepository } from './roles.repository';
import { CreateDimensionInput, DimensionChangeView, DimensionView, RoleView, SetWeightsInput, UpdateDimensionInput } from './role-views';
import { insertAt, moveTo } from './ordering';
import { MAX_DIMENSIONS_PER_ROLE, RoleLoopService } from './role-loop.service';

/** Scorecard dimensions of a role. Every change re-syncs the loop version and keeps an open role ready. */
@Injectable()
export class DimensionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RolesRepository,
    private readonly loop: RoleLoopService,
    private readonly audit: AuditService,
  ) {}

  async create(auth: AuthContext, roleId: string, dto: CreateDimensionInput): Promise<DimensionChangeView> {
    const dimensionId = await this.dataSource.transaction(async (manager) => {
      const role = await this.loop.lockForWrite(manager, auth, roleId);
      const rubric = rubricForScale(dto.rubric, role.ratingScale);
      const existing = await this.roles.dimensions(auth.organizationId, roleId, manager);
      if (existing.length >= MAX_DIMENSIONS_PER_ROLE) {
        throw AppError.conflict('too_many_dimensions', `A role can have at most ${MAX_DIMENSIONS_PER_ROLE} dimensions.`);
      }
      assertUniqueName(existing, dto.name);
      const dimension = await this.roles.insertDimension(manager, {
        organizationId: auth.organizationId,
        roleId,
        name: dto.name,
        description: dto.description ?? '',
        weight: dto.weight,
        rubric,
        required: dto.required ?? true,
        strongSignals: dto.signals?.strong ?? [],
        weakSignals: dto.signals?.weak ?? [],
        redFlags: dto.signals?.redFlags ?? [],
        position: existing.length + 1,
      });
      if (dto.position !== undefined) {
        await this.roles.renumber(
          manager,
          'dimensions',
          auth.organizationId,
          roleId,
          insertAt(
            existing.map((d) => d.id),
            dimension.id,
            dto.position,
          ),
        );
      }
      await this.loop.afterLoopChange(manager, auth, roleId);
      await this.audit.record(manager, auth, {
        action: 'dimension.created',
        entityType: 'dimension',
        entityId: dimension.id,
        after: { roleId, ...view(dimension) },
      });
      return dimension.id;
    });
    return this.changeResponse(auth, roleId, dimensionId);
  }

  async update(auth: AuthContext, roleId: string, dimensionId: string, dto: UpdateDimensionInput): Promise<DimensionChangeView> {
    await this.dataSource.transaction(async (manager) => {
      const role = await this.loop.lockForWrite(manager, auth, roleId);
      const dimension = await this.findOrThrow(manager, auth, roleId, dimensionId);
      const all = await this.roles.dimensions(auth.organizationId, roleId, manager);
      if (dto.name !== undefined && dto.name.toLowerCase() !== dimension.name.toLowerCase()) assertUniqueName(all, dto.name);
      const patch: Partial<DimensionEntity> = {};
      if (dto.name !== undefined) patch.name = dto.name;
      if (dto.description !== undefined) patch.description = dto.description;
      if (dto.weight !== undefined) patch.weight = dto.weight;
      if (dto.rubric !== undefined) patch.rubric = rubricForScale(dto.rubric, role.ratingScale);
      if (dto.required !== undefined) patch.required = dto.required;
      if (dto.signals?.strong !== undefined) patch.strongSignals = dto.signals.strong;
      if (dto.signals?.weak !== undefined) patch.weakSignals = dto.signals.weak;
      if (dto.signals?.redFlags !== undefined) patch.redFlags = dto.signals.redFlags;
      const changed = (Object.keys(patch) as (keyof DimensionEntity)[]).filter(
        (k) => canonicalJson(patch[k]) !== canonicalJson(k === 'weight' ? Number(dimension.weight) : dimension[k]),
      );
      await this.roles.updateDimension(manager, auth.organizationId, dimensionId, Object.fromEntries(changed.map((k) => [k, patch[k]])));
      const moved = dto.position !== undefined && dto.position !== dimension.position;
      if (moved)
        await this.roles.renumber(
          manager,
          'dimensions',
          auth.organizationId,
          roleId,
          moveTo(
            all.map((d) => d.id),
            dimensionId,
            dto.position!,
          ),
        );
      if (changed.length === 0 && !moved) return;
      await this.loop.afterLoopChange(manager, auth, roleId);
      const after = await this.findOrThrow(manager, auth, roleId, dimensionId);
      await this.audit.record(manager, auth, {
        action: 'dimension.updated',
        entityType: 'dimension',
        entityId: dimensionId,
        before: { roleId, ...view(dimension) },
        after: { roleId, ...view(after) },
      });
    });
    return this.changeResponse(auth, roleId, dimensionId);
  }

  /**
   * 409 when feedback refers to the dimension (scorecards keep pointing at it) or the role is open (its weights
   * would no longer sum to 100). Otherwise removes it, and its id from the rounds' focus and from questions.
   */
  async remove(auth: AuthContext, roleId: string, dimensionId: string): Promise<RoleView> {
    await this.dataSource.transaction(async (manager) => {
      const role = await this.loop.lockForWrite(manager, auth, roleId);
      const dimension = await this.findOrThrow(manager, auth, roleId, dimensionId);
      const usage = await this.roles.dimensionUsage(manager, auth.organizationId, dimensionId);
      if (usage.scorecards > 0) {
        throw AppError.conflict(
          'dimension_in_use',
          `Dimension "${dimension.name}" is rated on ${usage.scorecards} scorecard(s) and cannot be deleted: that feedback must keep pointing at it. Change its weight or rubric instead (a new loop version is made), or clone the role.`,
          { scorecardCount: usage.scorecards },
        );
      }
      if (role.status === 'open') {
        throw AppError.conflict(
          'role_open',
          `The role is open; deleting dimension "${dimension.name}" would leave its weights summing to ${formatWeight(sumOthers(await this.roles.dimensions(auth.organizationId, roleId, manager), dimensionId))}, not 100. Close the role first, or keep the dimension.`,
        );
      }
      await this.roles.deleteDimension(manager, auth.organizationId, roleId, dimensionId);
      const rest = (await this.roles.dimensions(auth.organizationId, roleId, manager)).map((d) => d.id);
      await this.roles.renumber(manager, 'dimensions', auth.organizationId, roleId, rest);
      await this.loop.afterLoopChange(manager, auth, roleId);
      await this.audit.record(manager, auth, {
        action: 'dimension.deleted',
        entityType: 'dimension',
        entityId: dimensionId,
        before: { roleId, ...view(dimension) },
      });
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  /** Changes several weights in one step (e.g. rebalancing an open role, whose weights must always sum to 100). */
  async setWeights(auth: AuthContext, roleId: string, dto: SetWeightsInput): Promise<RoleView> {
    await this.dataSource.transaction(async (manager) => {
      await this.loop.lockForWrite(manager, auth, roleId);
      const all = await this.roles.dimensions(auth.organizationId, roleId, manager);
      const byId = new Map(all.map((d) => [d.id, d]));
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      dto.weights.forEach((w, i) => {
        if (!byId.has(w.dimensionId))
          errors.push({ field: `weights.${i}.dimensionId`, code: 'unknown_dimension', message: `${w.dimensionId} is not a dimension of this role.` });
        else if (seen.has(w.dimensionId))
          errors.push({ field: `weights.${i}.dimensionId`, code: 'duplicate', message: `Dimension ${w.dimensionId} is listed more than once.` });
        seen.add(w.dimensionId);
      });
      if (errors.length) throw AppError.invalidFields(errors, errors[0].message);
      const before: Record<string, number> = {};
      const after: Record<string, number> = {};
      for (const w of dto.weights) {
        const current = Number(byId.get(w.dimensionId)!.weight);
        if (current === w.weight) continue;
        before[w.dimensionId] = current;
        after[w.dimensionId] = w.weight;
        await this.roles.updateDimension(manager, auth.organizationId, w.dimensionId, { weight: w.weight });
      }
      if (Object.keys(after).length === 0) return;
      await this.loop.afterLoopChange(manager, auth, roleId);
      await this.audit.record(manager, auth, {
        action: 'role.weights_changed',
        entityType: 'role',
        entityId: roleId,
        before: { weights: before },
        after: { weights: after },
      });
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  private async findOrThrow(manager: EntityManager, auth: AuthContext, roleId: string, dimensionId: string): Promise<DimensionEntity> {
    const dimension = await this.roles.findDimension(manager, auth.organizationId, roleId, dimensionId);
    if (!dimension) throw AppError.notFound('Dimension', dimensionId);
    return dimension;
  }

  private async changeResponse(auth: AuthContext, roleId: string, dimensionId: string): Promise<DimensionChangeView> {
    const role = await this.loop.detail(auth.organizationId, roleId);
    const dimension = role.dimensions.find((d) => d.id === dimensionId);
    return { dimension: dimension as DimensionView, role };
  }
}

function assertUniqueName(dimensions: DimensionEntity[], name: string): void {
  const clash = dimensions.find((d) => d.name.toLowerCase() === name.toLowerCase());
  if (clash) {
    throw new AppError('conflict', 'dimension_name_taken', `This role already has a dimension named "${clash.name}".`, [
      { field: 'name', code: 'dimension_name_taken', message: `This role already has a dimension named "${clash.name}".` },
    ]);
  }
}

function sumOthers(dimensions: DimensionEntity[], excludedId: string): number {
  return sumWeights(dimensions.filter((d) => d.id !== excludedId).map((d) => Number(d.weight)));
}

function view(d: DimensionEntity): Record<string, unknown> {
  return {
    name: d.name,
    description: d.description,
    weight: Number(d.weight),
    rubric: d.rubric,
    required: d.required,
    signals: { strong: d.strongSignals, weak: d.weakSignals, redFlags: d.redFlags },
    position: d.position,
  };
}

/**
 * The rubric to store: every level of the role's scale must have an anchor (400 with `rubric.<level>` naming the
 * missing ones); anchors of other levels (1–5) are kept, for a later change of scale.
 */
export function rubricForScale(input: object, ratingScale: RatingScaleKind | null | undefined): Rubric {
  const rubric = input as Partial<Record<string, string>>;
  const scale = ratingScaleOf(ratingScale);
  const errors: FieldError[] = rubricKeysOf(scale)
    .filter((key) => typeof rubric[key] !== 'string' || rubric[key]!.trim() === '')
    .map((key) => ({
      field: `rubric.${key}`,
      code: 'rubric_anchor_required',
      message: `rubric.${key} is required: the role rates on the ${scale.kind} scale, whose level ${key} is "${scale.levels.find((l) => String(l.value) === key)?.label}".`,
    }));
  if (errors.length > 0) throw AppError.invalidFields(errors, errors.map((e) => e.message).join(' '));
  return Object.fromEntries(
    ['1', '2', '3', '4', '5'].filter((k) => typeof rubric[k] === 'string' && rubric[k]!.trim() !== '').map((k) => [k, rubric[k]!.trim()]),
  );
}
