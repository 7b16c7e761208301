import { MembersRepository } from '../members/members.repository';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext, hasRole } from '../common/auth-context';
import { pageLimit, PageQueryDto, toPage, withTotal } from '../common/pagination';
import { DimensionEntity } from './dimension.entity';
import { canonicalJson, LoopVersionsService } from './loop-versions.service';
import { defaultPolicyOf, RatingScaleKind, ratingScaleOf, rubricKeysOf } from './rating-scale';
import { RoleEntity } from './role.entity';
import { HirePolicy, resolveHirePolicy, RolesRepository } from './roles.repository';
import {
  CloneRoleInput,
  CreateRoleInput,
  LoopVersionPage,
  LoopVersionView,
  RoleListQuery,
  RolePage,
  roleSummaryView,
  RoleView,
  UpdateRoleInput,
} from './role-views';
import { mergeHirePolicy, nullHirePolicyFields, validateHirePolicy } from './hire-policy';
import { RoleLoopService } from './role-loop.service';

const EDITABLE_FIELDS = ['title', 'level', 'department', 'location', 'hiringManagerId', 'ratingScale', 'hirePolicy'] as const;

/** Policy thresholds stated in points of the scale: reset to the new scale's defaults when the scale changes. */
const SCALED_POLICY_FIELDS = ['bar', 'floor', 'margin'] as const;

/**
 * Roles: create, read, edit, open and close, clone; and their loop versions.
 * Status: draft → open → closed; a closed role may be opened again (reopen) when its loop is still ready.
 */
@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RolesRepository,
    private readonly loop: RoleLoopService,
    private readonly loopVersions: LoopVersionsService,
    private readonly audit: AuditService,
    private readonly members: MembersRepository,
  ) {}

  async create(auth: AuthContext, dto: CreateRoleInput): Promise<RoleView> {
    const ratingScale: RatingScaleKind = dto.ratingScale ?? 'four_point';
    const hirePolicy = mergeHirePolicy(defaultPolicyOf(ratingScale), dto.hirePolicy);
    const policyErrors = validateHirePolicy(hirePolicy, ratingScale);
    if (policyErrors.length) throw AppError.invalidFields(policyErrors, policyErrors[0].message);
    const roleId = await this.dataSource.transaction(async (manager) => {
      if (dto.hiringManagerId) await this.loop.assertHiringManager(manager, auth.organizationId, dto.hiringManagerId);
      const role = await this.roles.insert(manager, {
        organizationId: auth.organizationId,
        title: dto.title,
        level: dto.level ?? null,
        department: dto.department ?? null,
        location: dto.location ?? null,
        hiringManagerId: dto.hiringManagerId ?? null,
        ratingScale,
        hirePolicy,
      });
      await this.loopVersions.createInitial(manager, auth.organizationId, role.id, ratingScale);
      await this.audit.record(manager, auth, { action: 'role.created', entityType: 'role', entityId: role.id, after: auditView(role) });
      return role.id;
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  /** Admins and recruiters see every role; a hiring manager sees the roles they manage. */
  async list(auth: AuthContext, query: RoleListQuery): Promise<RolePage> {
    const onlyManaged = !this.loop.canWrite(auth);
    if (onlyManaged && !hasRole(auth, 'hiring_manager'))
      throw AppError.forbidden('role_required', 'Only admins, recruiters and hiring managers can list roles.');
    const filter = { status: query.status, hiringManagerId: onlyManaged ? auth.memberId : undefined, q: query.q || undefined };
    const [rows, total] = await Promise.all([
      this.roles.page(auth.organizationId, query, filter),
      query.withTotal ? this.roles.count(auth.organizationId, filter) : undefined,
    ]);
    const managers = await this.members.names(
      auth.organizationId,
      rows.flatMap((r) => (r.hiringManagerId ? [r.hiringManagerId] : [])),
    );
    return withTotal(
      toPage(
        rows,
        pageLimit(query),
        (r) => this.roles.cursorOf(r),
        (r) => roleSummaryView(r, (r.hiringManagerId && managers.get(r.hiringManagerId)) || null),
      ),
      total,
    );
  }

  async get(auth: AuthContext, roleId: string): Promise<RoleView> {
    await this.loop.findReadable(auth, roleId);
    return this.loop.detail(auth.organizationId, roleId);
  }

  async update(auth: AuthContext, roleId: string, dto: UpdateRoleInput): Promise<RoleView> {
    const nullPolicyFields = nullHirePolicyFields(dto.hirePolicy);
    if (nullPolicyFields.length) throw AppError.invalidFields(nullPolicyFields, nullPolicyFields[0].message);
    await this.dataSource.transaction(async (manager) => {
      const role = await this.loop.lockForWrite(manager, auth, roleId);
      const patch: Partial<RoleEntity> = {};
      if (dto.title !== undefined) patch.title = dto.title;
      if (dto.level !== undefined) patch.level = dto.level;
      if (dto.department !== undefined) patch.department = dto.department;
      if (dto.location !== undefined) patch.location = dto.location;
      if (dto.hiringManagerId !== undefined) {
        if (dto.hiringManagerId !== null && dto.hiringManagerId !== role.hiringManagerId) {
          await this.loop.assertHiringManager(manager, auth.organizationId, dto.hiringManagerId);
        }
        patch.hiringManagerId = dto.hiringManagerId;
      }
      const scaleChanges = dto.ratingScale !== undefined && dto.ratingScale !== (role.ratingScale ?? 'four_point');
      if (scaleChanges) {
        await this.assertScaleChangeAllowed(manager, auth.organizationId, role, dto.ratingScale!);
        patch.ratingScale = dto.ratingScale!;
      }
      if (dto.hirePolicy !== undefined || scaleChanges) {
        const scale = patch.ratingScale ?? role.ratingScale ?? 'four_point';
        let current: HirePolicy = resolveHirePolicy(role.hirePolicy, role.ratingScale);
        if (scaleChanges) {
          const defaults = defaultPolicyOf(scale);
          current = { ...current, ...Object.fromEntries(SCALED_POLICY_FIELDS.map((f) => [f, defaults[f]])) };
        }
        const policy = mergeHirePolicy(current, dto.hirePolicy);
        const errors = validateHirePolicy(policy, scale);
        if (errors.length) throw AppError.invalidFields(errors, errors[0].message);
        patch.hirePolicy = policy;
      }
      const changed = changedFields(role, patch);
      if (changed.length === 0) return;
      await this.roles.update(manager, auth.organizationId, roleId, pick(patch, changed));
      // e.g. removing the hiring manager of an open role
      await this.loop.assertOpenRoleStaysReady(manager, auth.organizationId, roleId);
      // The scale is part of the loop version: new interviews and scorecards rate on it.
      if (changed.includes('ratingScale')) await this.loop.syncVersion(manager, auth, roleId);
      await this.audit.record(manager, auth, {
        action: 'role.updated',
        entityType: 'role',
        entityId: roleId,
        before: pick(auditView(role), changed),
        after: pick({ ...auditView(role), ...patch }, changed),
      });
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  /** draft or closed → open when the loop is ready (422 with the reasons otherwise). Opening an open role is a no-op. */
  async open(auth: AuthContext, roleId: string): Promise<RoleView> {
    await this.dataSource.transaction(async (manager) => {
      const role = await this.loop.lockForWrite(manager, auth, roleId);
      if (role.status === 'open') return;
      const { readiness } = await this.loop.readiness(manager, role);
      if (!readiness.canOpen) {
        throw AppError.unprocessable(
          'loop_not_ready',
          `The role cannot open yet: ${readiness.errors.map((e) => e.message).join(' ')}`,
          readiness.errors,
        );
      }
      const now = new Date();
      await this.roles.update(manager, auth.organizationId, roleId, { status: 'open', openedAt: now, closedAt: null });
      await this.audit.record(manager, auth, {
        action: role.status === 'closed' ? 'role.reopened' : 'role.opened',
        entityType: 'role',
        entityId: roleId,
        before: { status: role.status },
        after: { status: 'open', warnings: readiness.warnings.map((w) => w.code) },
      });
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  /** open → closed. Closing a closed role is a no-op; a draft was never open and cannot be closed (409). */
  async close(auth: AuthContext, roleId: string): Promise<RoleView> {
    await this.dataSource.transaction(async (manager) => {
      const role = await this.loop.lockForWrite(manager, auth, roleId);
      if (role.status === 'closed') return;
      if (role.status !== 'open') throw AppError.conflict('role_not_open', 'Only an open role can be closed; this role is still a draft.');
      await this.roles.update(manager, auth.organizationId, roleId, { status: 'closed', closedAt: new Date() });
      await this.audit.record(manager, auth, {
        action: 'role.closed',
        entityType: 'role',
        entityId: roleId,
        before: { status: 'open' },
        after: { status: 'closed' },
      });
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  /** A new draft with the same fields, policy, dimensions, rounds (focus remapped) and question links. */
  async clone(auth: AuthContext, sourceId: string, dto: CloneRoleInput): Promise<RoleView> {
    const roleId = await this.dataSource.transaction(async (manager) => {
      const source = await this.roles.findById(auth.organizationId, sourceId, manager);
      if (!source) throw AppError.notFound('Role', sourceId);
      const dimensions = await this.roles.dimensions(auth.organizationId, sourceId, manager);
      const rounds = await this.roles.rounds(auth.organizationId, sourceId, manager);
      const keepManager =
        source.hiringManagerId !== null && (await this.loop.isEligibleHiringManager(manager, auth.organizationId, source.hiringManagerId));
      const { role, dimensionIds } = await this.loop.createRoleWithDimensions(manager, auth, {
        role: {
          title: dto.title ?? `${source.title} (copy)`.slice(0, 200),
          level: source.level,
          department: source.department,
          location: source.location,
          hiringManagerId: keepManager ? source.hiringManagerId : null,
          hirePolicy: resolveHirePolicy(source.hirePolicy, source.ratingScale),
          ratingScale: source.ratingScale,
          templateKey: source.templateKey,
          clonedFromRoleId: source.id,
        },
        dimensions: dimensions.map((d) => ({
          key: d.id,
          name: d.name,
          description: d.description,
          weight: Number(d.weight),
          rubric: d.rubric,
          required: d.required,
          strongSignals: d.strongSignals,
          weakSignals: d.weakSignals,
          redFlags: d.redFlags,
        })),
      });
      await this.loop.addRounds(
        manager,
        auth.organizationId,
        role.id,
        rounds.map((r) => ({
          name: r.name,
          kind: r.kind,
          durationMinutes: r.durationMinutes,
          focusDimensionIds: r.focusDimensionIds.map((id) => dimensionIds.get(id)).filter((id): id is string => id !== undefined),
          questionIds: r.questionIds,
        })),
      );
      await this.loop.syncVersion(manager, auth, role.id);
      await this.audit.record(manager, auth, {
        action: 'role.cloned',
        entityType: 'role',
        entityId: role.id,
        after: { ...auditView(role), clonedFromRoleId: source.id, dimensions: dimensions.length, rounds: rounds.length },
      });
      return role.id;
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  /**
   * A role's scale can change while no scorecard (draft, submitted or withdrawn) was made on the role — ratings on
   * two scales would not be comparable in one report (409 `rating_scale_in_use`) — and only when every dimension has
   * a rubric anchor for each level of the new scale (422, one field error per dimension naming the missing levels).
   */
  private async assertScaleChangeAllowed(manager: EntityManager, organizationId: string, role: RoleEntity, next: RatingScaleKind): Promise<void> {
    const used = await this.roles.scorecardCount(manager, organizationId, role.id);
    if (used > 0) {
      throw AppError.conflict(
        'rating_scale_in_use',
        `${used} scorecard(s) were made on this role's ${ratingScaleOf(role.ratingScale).kind} scale; its scale can no longer change (clone the role to use another scale).`,
        { scorecards: used },
      );
    }
    const scale = ratingScaleOf(next);
    const dimensions: DimensionEntity[] = await this.roles.dimensions(organizationId, role.id, manager);
    const errors = dimensions.flatMap((d, i) => {
      const missing = rubricKeysOf(scale).filter((key) => typeof d.rubric?.[key] !== 'string' || d.rubric[key].trim() === '');
      if (missing.length === 0) return [];
      const labels = missing.map((key) => `${key} (${scale.levels.find((l) => String(l.value) === key)?.label ?? key})`).join(', ');
      return [
        {
          field: 'ratingScale',
          code: 'rubric_anchor_missing',
          message: `Dimension "${d.name}" (${d.id}, position ${d.position ?? i + 1}) has no rubric anchor for level ${labels} of the ${scale.kind} scale; add it with PATCH /v1/roles/${role.id}/dimensions/${d.id} first.`,
        },
      ];
    });
    if (errors.length > 0) throw AppError.invalidFields(errors, errors.map((e) => e.message).join(' '));
  }

  async versions(auth: AuthContext, roleId: string, query: PageQueryDto): Promise<LoopVersionPage> {
    const role = await this.loop.findReadable(auth, roleId);
    const rows = await this.loopVersions.page(auth.organizationId, roleId, query);
    return toPage(
      rows,
      pageLimit(query),
      (v) => ({ sortValue: String(v.number), id: v.id }),
      (v) => ({
        id: v.id,
        number: v.number,
        current: v.id === role.currentLoopVersionId,
        scorecardCount: v.scorecardCount,
        createdAt: v.createdAt.toISOString(),
      }),
    );
  }

  async version(auth: AuthContext, roleId: string, versionId: string): Promise<LoopVersionView> {
    const role = await this.loop.findReadable(auth, roleId);
    const version = await this.loopVersions.findById(auth.organizationId, versionId);
    if (!version || version.roleId !== roleId) throw AppError.notFound('Loop version', versionId);
    const scorecardCount = await this.loopVersions.scorecardCount(auth.organizationId, versionId);
    return {
      id: version.id,
      number: version.number,
      current: version.id === role.currentLoopVersionId,
      scorecardCount,
      createdAt: version.createdAt.toISOString(),
      snapshot: version.snapshot as unknown as Record<string, unknown>,
    };
  }
}

function auditView(role: Partial<RoleEntity>): Record<string, unknown> {
  return {
    title: role.title,
    level: role.level,
    department: role.department,
    location: role.location,
    hiringManagerId: role.hiringManagerId,
    ratingScale: role.ratingScale,
    hirePolicy: role.hirePolicy,
    status: role.status,
    templateKey: role.templateKey,
  };
}

function changedFields(role: RoleEntity, patch: Partial<RoleEntity>): string[] {
  return EDITABLE_FIELDS.filter((field) => field in patch && canonicalJson(patch[field] ?? null) !== canonicalJson(role[field] ?? null));
}

function pick<T extends object>(value: T, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, (value as Record<string, unknown>)[f]]));
}
