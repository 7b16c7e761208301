import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { likePattern, PageQueryDto } from '../common/pagination';
import { RoleEntity } from '../roles/role.entity';
import { blindOnApplication } from '../scorecards/blind-rule-sql';
import { ApplicationEntity, ApplicationStatus } from './application.entity';

export interface ApplicationPageFilter {
  roleId?: string;
  candidateId?: string;
  status?: ApplicationStatus;
  /** Only applications to roles this member is the hiring manager of. */
  hiringManagerId?: string;
  /** Case-insensitive part of the candidate's name or email or of the role's title. */
  q?: string;
}

/** What lists and details show next to an application: who and for what. */
export interface ApplicationLabels {
  candidateName: string;
  candidateErased: boolean;
  roleTitle: string;
  roleLevel: string | null;
  roleStatus: string;
  hiringManagerId: string | null;
  /** Submitted scorecards of the scheduled interviews' panel, and how many that panel owes (one per interviewer). */
  feedbackSubmitted?: number;
  feedbackExpected?: number;
  /** The latest calibrated report's recommendation; null before the first report. */
  reportRecommendation?: 'hire' | 'no_hire' | 'inconclusive' | null;
}

/** Applications (candidate × role), always within one organization. */
@Injectable()
export class ApplicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<ApplicationEntity | null> {
    return manager.findOne(ApplicationEntity, { where: { organizationId, id: applicationId } });
  }

  /**
   * Locks the application row. `share` is enough to keep `status` and `decided_at` from changing under a scorecard
   * write (recording the decision updates the row, which waits for the share lock); `update` for changing the row.
   */
  lockById(manager: EntityManager, organizationId: string, applicationId: string, mode: 'share' | 'update'): Promise<ApplicationEntity | null> {
    return manager.findOne(ApplicationEntity, {
      where: { organizationId, id: applicationId },
      lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' },
    });
  }

  insert(manager: EntityManager, values: Pick<ApplicationEntity, 'organizationId' | 'candidateId' | 'roleId' | 'stage'>): Promise<ApplicationEntity> {
    return manager.save(manager.create(ApplicationEntity, { ...values, status: 'active', decidedAt: null }));
  }

  async update(manager: EntityManager, organizationId: string, applicationId: string, patch: Partial<ApplicationEntity>): Promise<void> {
    await manager.update(ApplicationEntity, { organizationId, id: applicationId }, patch);
  }

  page(organizationId: string, query: PageQueryDto, filter: ApplicationPageFilter): Promise<ApplicationEntity[]> {
    const qb = this.filtered(organizationId, filter);
    applyKeyset(qb, query, { alias: 'a', sortColumn: 'created_at', direction: 'DESC' });
    return qb.getMany();
  }

  /** How many applications match the filter (every page). */
  count(organizationId: string, filter: ApplicationPageFilter): Promise<number> {
    return this.filtered(organizationId, filter).getCount();
  }

  private filtered(organizationId: string, filter: ApplicationPageFilter) {
    const qb = this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.organization_id = :organizationId', { organizationId });
    if (filter.q) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM candidates cq WHERE cq.id = a.candidate_id AND cq.organization_id = a.organization_id AND (lower(cq.name) LIKE :pattern OR cq.email LIKE :pattern))
          OR EXISTS (SELECT 1 FROM roles rq WHERE rq.id = a.role_id AND rq.organization_id = a.organization_id AND lower(rq.title) LIKE :pattern))`,
        { pattern: likePattern(filter.q) },
      );
    }
    if (filter.roleId) qb.andWhere('a.role_id = :roleId', { roleId: filter.roleId });
    if (filter.candidateId) qb.andWhere('a.candidate_id = :candidateId', { candidateId: filter.candidateId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.hiringManagerId) {
      qb.andWhere('EXISTS (SELECT 1 FROM roles r WHERE r.id = a.role_id AND r.organization_id = a.organization_id AND r.hiring_manager_id = :hm)', {
        hm: filter.hiringManagerId,
      });
    }
    return qb;
  }

  cursorOf(application: ApplicationEntity) {
    return { sortValue: timestampKey(application.createdAt), id: application.id };
  }

  /**
   * Candidate name, role title, feedback counts and the latest report's recommendation of each application, by
   * application id. `readerId`: the member reading them, whom the blind rule may keep from the recommendation.
   */
  async labels(
    organizationId: string,
    applicationIds: string[],
    readerId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ApplicationLabels>> {
    if (applicationIds.length === 0) return new Map();
    const rows: (ApplicationLabels & { id: string })[] = await manager.query(
      `SELECT a.id, c.name AS "candidateName", (c.erased_at IS NOT NULL) AS "candidateErased",
              r.title AS "roleTitle", r.level AS "roleLevel", r.status AS "roleStatus", r.hiring_manager_id AS "hiringManagerId",
              (SELECT count(*)::int FROM scorecards s JOIN interviews i ON i.id = s.interview_id
                WHERE s.organization_id = a.organization_id AND s.application_id = a.id AND s.status = 'submitted'
                  AND i.status = 'scheduled' AND s.interviewer_id = ANY(i.interviewer_ids)) AS "feedbackSubmitted",
              (SELECT coalesce(sum(cardinality(i.interviewer_ids)), 0)::int FROM interviews i
                WHERE i.organization_id = a.organization_id AND i.application_id = a.id AND i.status = 'scheduled') AS "feedbackExpected",
              -- The panel's verdict is feedback: none for a reader the blind rule still holds on this application.
              CASE WHEN $3::uuid IS NOT NULL AND ${blindOnApplication('a.organization_id', 'a.id', '$3')} THEN NULL ELSE
              (SELECT cr.recommendation FROM calibration_reports cr
                WHERE cr.organization_id = a.organization_id AND cr.application_id = a.id ORDER BY cr.version DESC LIMIT 1) END AS "reportRecommendation"
         FROM applications a
         JOIN candidates c ON c.id = a.candidate_id AND c.organization_id = a.organization_id
         JOIN roles r ON r.id = a.role_id AND r.organization_id = a.organization_id
        WHERE a.organization_id = $1 AND a.id = ANY($2::uuid[])`,
      [organizationId, applicationIds, readerId],
    );
    return new Map(rows.map(({ id, ...labels }) => [id, labels]));
  }

  /** The role an application is (to be) made to, share-locked so its status cannot change until commit. */
  shareLockRole(manager: EntityManager, organizationId: string, roleId: string): Promise<RoleEntity | null> {
    return manager.findOne(RoleEntity, { where: { organizationId, id: roleId }, lock: { mode: 'pessimistic_read' } });
  }

  /** The active application of a candidate to a role, if any. */
  findActive(organizationId: string, candidateId: string, roleId: string): Promise<ApplicationEntity | null> {
    return this.dataSource.manager.findOne(ApplicationEntity, { where: { organizationId, candidateId, roleId, status: 'active' } });
  }

  /** A candidate's applications with their role titles, newest first. */
  summariesForCandidate(
    organizationId: string,
    candidateId: string,
  ): Promise<{ id: string; roleId: string; roleTitle: string; stage: string; status: ApplicationStatus }[]> {
    return this.dataSource.query(
      `SELECT a.id, a.role_id AS "roleId", r.title AS "roleTitle", a.stage, a.status
         FROM applications a JOIN roles r ON r.id = a.role_id AND r.organization_id = a.organization_id
        WHERE a.organization_id = $1 AND a.candidate_id = $2
        ORDER BY a.created_at DESC, a.id DESC`,
      [organizationId, candidateId],
    );
  }

  /** Every application of a candidate, locked (erasure rewrites what hangs off them). */
  lockForCandidate(manager: EntityManager, organizationId: string, candidateId: string): Promise<ApplicationEntity[]> {
    return manager.find(ApplicationEntity, { where: { organizationId, candidateId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }
}
