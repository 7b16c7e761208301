import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext, hasRole } from '../common/auth-context';
import { MembersRepository } from '../members/members.repository';
import { DimensionEntity } from './dimension.entity';
import { assessLoopReadiness, LoopReadiness } from './loop-readiness';
import { RoundKind, Rubric } from './loop-snapshot';
import { LoopVersionsService } from './loop-versions.service';
import { RatingScaleKind } from './rating-scale';
import { RoleEntity } from './role.entity';
import { HirePolicy, resolveHirePolicy, RolesRepository } from './roles.repository';
import { RoundEntity } from './round.entity';
import { roleView, RoleView } from './role-views';

/** A loop to create in one go (clone, template). Rounds name their focus dimensions by `key`. */
export interface LoopBlueprint {
  role: {
    title: string;
    level: string | null;
    department: string | null;
    location: string | null;
    hiringManagerId: string | null;
    hirePolicy: HirePolicy;
    /** Default four_point. */
    ratingScale?: RatingScaleKind;
    templateKey: string | null;
    clonedFromRoleId: string | null;
  };
  dimensions: {
    key: string;
    name: string;
    description: string;
    weight: number;
    rubric: Rubric;
    required?: boolean;
    strongSignals: string[];
    weakSignals: string[];
    redFlags: string[];
  }[];
}

export interface BlueprintRound {
  name: string;
  kind: RoundKind;
  durationMinutes: number;
  focusDimensionIds: string[];
  questionIds: string[];
}

export const MAX_DIMENSIONS_PER_ROLE = 20;
export const MAX_ROUNDS_PER_ROLE = 20;

/**
 * What the role, dimension and round services share: who may read or write a role, the role's full response,
 * readiness, the "an open role stays valid" rule and the loop-version sync that follows every loop change.
 */
@Injectable()
export class RoleLoopService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roles: RolesRepository,
    private readonly members: MembersRepository,
    private readonly loopVersions: LoopVersionsService,
    private readonly audit: AuditService,
  ) {}

  canWrite(auth: AuthContext): boolean {
    return hasRole(auth, 'admin', 'recruiter');
  }

  /** Admins and recruiters read every role; a hiring manager reads the roles they manage. Other tenants: 404. */
  async findReadable(auth: AuthContext, roleId: string, manager: EntityManager = this.dataSource.manager): Promise<RoleEntity> {
    const role = await this.roles.findById(auth.organizationId, roleId, manager);
    if (!role) throw AppError.notFound('Role', roleId);
    if (this.canWrite(auth)) return role;
    if (hasRole(auth, 'hiring_manager') && role.hiringManagerId === auth.memberId) return role;
    throw AppError.forbidden('role_access_denied', 'Only admins, recruiters and the hiring manager of this role can read it.');
  }

  /** Locks the role for a loop change. The route guard already required admin or recruiter. */
  async lockForWrite(manager: EntityManager, auth: AuthContext, roleId: string): Promise<RoleEntity> {
    if (!this.canWrite(auth)) throw AppError.forbidden('role_required', 'Only admins and recruiters can change a role.');
    const role = await this.roles.lockById(manager, auth.organizationId, roleId);
    if (!role) throw AppError.notFound('Role', roleId);
    return role;
  }

  /** 400 on `field` unless the id is an active member of the organization holding `hiring_manager`. */
  async assertHiringManager(manager: EntityManager, organizationId: string, memberId: string, field = 'hiringManagerId'): Promise<void> {
    const missing = await this.members.missingWithRole(organizationId, [memberId], 'hiring_manager', manager);
    if (missing.length > 0)
      throw AppError.invalid(field, `${field} must be an active member of the organization holding the hiring_manager role.`, 'not_a_hiring_manager');
  }

  async isEligibleHiringManager(manager: EntityManager, organizationId: string, memberId: string): Promise<boolean> {
    return (await this.members.missingWithRole(organizationId, [memberId], 'hiring_manager', manager)).length === 0;
  }

  async readiness(
    manager: EntityManager,
    role: RoleEntity,
  ): Promise<{ readiness: LoopReadiness; dimensions: DimensionEntity[]; rounds: RoundEntity[] }> {
    // Sequential on purpose: inside a transaction every query shares one connection.
    const dimensions = await this.roles.dimensions(role.organizationId, role.id, manager);
    const rounds = await this.roles.rounds(role.organizationId, role.id, manager);
    const eligible = role.hiringManagerId ? await this.isEligibleHiringManager(manager, role.organizationId, role.hiringManagerId) : true;
    const readiness = assessLoopReadiness({
      hiringManagerId: role.hiringManagerId,
      hiringManagerEligible: eligible,
      dimensions: dimensions.map((d) => ({ id: d.id, name: d.name, weight: Number(d.weight) })),
      rounds: rounds.map((r) => ({ id: r.id, name: r.name, focusDimensionIds: r.focusDimensionIds })),
    });
    return { readiness, dimensions, rounds };
  }

  /**
   * An open role's loop must stay openable: a change that would make it not ready is refused with 409 and the
   * readiness errors it would cause (the transaction rolls back). Draft and closed roles can be edited freely.
   */
  async assertOpenRoleStaysReady(manager: EntityManager, organizationId: string, roleId: string): Promise<void> {
    const role = await this.roles.findById(organizationId, roleId, manager);
    if (!role || role.status !== 'open') return;
    const { readiness } = await this.readiness(manager, role);
    if (!readiness.canOpen) {
      throw new AppError(
        'conflict',
        'open_role_must_stay_ready',
        `The role is open, and this change would leave its loop not ready: ${readiness.errors.map((e) => e.message).join(' ')} Make the change in one step that keeps the loop valid (e.g. PUT /v1/roles/${roleId}/weights), or close the role first.`,
        readiness.errors,
      );
    }
  }

  /** After any change to dimensions, rounds or their questions: keep an open role valid, then sync the loop version. */
  async afterLoopChange(manager: EntityManager, auth: AuthContext, roleId: string): Promise<void> {
    await this.assertOpenRoleStaysReady(manager, auth.organizationId, roleId);
    await this.syncVersion(manager, auth, roleId);
  }

  /** Syncs the loop version; a new version (the old one has scorecards) is audited. */
  async syncVersion(manager: EntityManager, auth: AuthContext, roleId: string): Promise<void> {
    const result = await this.loopVersions.sync(manager, auth.organizationId, roleId);
    if (result.created) {
      await this.audit.record(manager, auth, {
        action: 'loop_version.created',
        entityType: 'role',
        entityId: roleId,
        before: { loopVersionId: result.previousVersionId },
        after: { loopVersionId: result.id, number: result.number },
      });
    }
  }

  /** The role as the API returns it. */
  async detail(organizationId: string, roleId: string, manager: EntityManager = this.dataSource.manager): Promise<RoleView> {
    const role = await this.roles.findById(organizationId, roleId, manager);
    if (!role) throw AppError.notFound('Role', roleId);
    const { readiness, dimensions, rounds } = await this.readiness(manager, role);
    const version = role.currentLoopVersionId ? await this.loopVersions.findById(organizationId, role.currentLoopVersionId, manager) : null;
    const names = role.hiringManagerId ? await this.members.names(organizationId, [role.hiringManagerId], manager) : new Map<string, string>();
    return roleView(role, {
      hiringManagerName: (role.hiringManagerId && names.get(role.hiringManagerId)) || null,
      hirePolicy: resolveHirePolicy(role.hirePolicy, role.ratingScale),
      loopVersion: version ? { id: version.id, number: version.number } : { id: '', number: 0 },
      dimensions,
      rounds,
      readiness,
    });
  }

  /** Creates a draft role with version 1 and its dimensions; returns the new dimension ids by blueprint key. */
  async createRoleWithDimensions(
    manager: EntityManager,
    auth: AuthContext,
    blueprint: LoopBlueprint,
  ): Promise<{ role: RoleEntity; dimensionIds: Map<string, string> }> {
    const role = await this.roles.insert(manager, { organizationId: auth.organizationId, status: 'draft', ...blueprint.role });
    await this.loopVersions.createInitial(manager, auth.organizationId, role.id, role.ratingScale);
    const dimensionIds = new Map<string, string>();
    let position = 0;
    for (const d of blueprint.dimensions) {
      const { key, ...values } = d;
      const row = await this.roles.insertDimension(manager, {
        organizationId: auth.organizationId,
        roleId: role.id,
        ...values,
        position: ++position,
      });
      dimensionIds.set(key, row.id);
    }
    return { role, dimensionIds };
  }

  async addRounds(manager: EntityManager, organizationId: string, roleId: string, rounds: BlueprintRound[]): Promise<RoundEntity[]> {
    const created: RoundEntity[] = [];
    let position = await this.roles.nextPosition(manager, 'rounds', organizationId, roleId);
    for (const r of rounds) created.push(await this.roles.insertRound(manager, { organizationId, roleId, ...r, position: position++ }));
    return created;
  }
}
