import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AppError,
  ApplicationEntity,
  ApplicationsRepository,
  AuditService,
  AuthContext,
  canReadApplication,
  CandidatesRepository,
  hasRole,
  InterviewsRepository,
  pageLimit,
  toPage,
  withTotal,
} from '@hireloop/core';
import { pgConstraint, PgErrorCode, pgErrorCode } from '@hireloop/database';
import { InterviewResponseDto } from '../interviews/dto/interview.response.dto';
import { CreateApplicationRequestDto, ListApplicationsQueryDto, UpdateApplicationRequestDto } from './dto/application.request.dto';
import { ApplicationDetailResponseDto, ApplicationPageResponseDto, ApplicationResponseDto } from './dto/application.response.dto';

/**
 * Applications: a candidate for a role. Recruiters and admins create and change them; the role's hiring manager
 * reads the applications of their roles. (The hiring decision lives with the debriefs.)
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly candidates: CandidatesRepository,
    private readonly interviews: InterviewsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(auth: AuthContext, dto: CreateApplicationRequestDto): Promise<ApplicationDetailResponseDto> {
    let applicationId: string;
    try {
      applicationId = await this.dataSource.transaction(async (manager) => {
        const candidate = await this.candidates.lockById(manager, auth.organizationId, dto.candidateId);
        if (!candidate) throw AppError.notFound('Candidate', dto.candidateId);
        if (candidate.erasedAt)
          throw AppError.conflict('candidate_erased', "This candidate's personal data was erased; they cannot apply again under this record.");
        const role = await this.applications.shareLockRole(manager, auth.organizationId, dto.roleId);
        if (!role) throw AppError.notFound('Role', dto.roleId);
        if (role.status !== 'open')
          throw AppError.conflict('role_not_open', `The role is ${role.status}; applications can only be made to an open role.`);
        const application = await this.applications.insert(manager, {
          organizationId: auth.organizationId,
          candidateId: candidate.id,
          roleId: role.id,
          stage: dto.stage ?? 'applied',
        });
        await this.audit.record(manager, auth, {
          action: 'application.created',
          entityType: 'application',
          entityId: application.id,
          after: { candidateId: candidate.id, roleId: role.id, stage: application.stage, status: application.status },
          personal: { candidateId: candidate.id, fields: ['stage'] },
        });
        return application.id;
      });
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation && pgConstraint(error) === 'applications_one_active_idx') {
        const existing = await this.applications.findActive(auth.organizationId, dto.candidateId, dto.roleId);
        throw AppError.conflict('application_exists', 'The candidate already has an active application to this role.', {
          applicationId: existing?.id,
        });
      }
      throw error;
    }
    return this.get(auth, applicationId);
  }

  async list(auth: AuthContext, query: ListApplicationsQueryDto): Promise<ApplicationPageResponseDto> {
    // Hiring managers (without a wider role) see the applications of the roles they manage.
    const everything = hasRole(auth, 'admin', 'recruiter');
    const filter = {
      roleId: query.roleId,
      candidateId: query.candidateId,
      status: query.status,
      hiringManagerId: everything ? undefined : auth.memberId,
      q: query.q || undefined,
    };
    const [rows, total] = await Promise.all([
      this.applications.page(auth.organizationId, query, filter),
      query.withTotal ? this.applications.count(auth.organizationId, filter) : undefined,
    ]);
    const labels = await this.applications.labels(
      auth.organizationId,
      rows.map((r) => r.id),
    );
    return withTotal(
      toPage(
        rows,
        pageLimit(query),
        (a) => this.applications.cursorOf(a),
        (a) => ApplicationResponseDto.from(a, labels.get(a.id)),
      ),
      total,
    );
  }

  async get(auth: AuthContext, applicationId: string): Promise<ApplicationDetailResponseDto> {
    const application = await this.applications.findById(auth.organizationId, applicationId);
    if (!application) throw AppError.notFound('Application', applicationId);
    const labels = (await this.applications.labels(auth.organizationId, [application.id])).get(application.id);
    if (!labels || !canReadApplication(auth, labels)) {
      throw AppError.forbidden('application_access_denied', "Only recruiters, admins and the role's hiring manager can read this application.");
    }
    const interviews = await this.interviews.withRounds(auth.organizationId, { applicationId });
    return {
      ...ApplicationResponseDto.from(application, labels),
      roleLevel: labels.roleLevel,
      hiringManagerId: labels.hiringManagerId,
      interviews: interviews.map(InterviewResponseDto.from),
    };
  }

  async update(auth: AuthContext, applicationId: string, dto: UpdateApplicationRequestDto): Promise<ApplicationDetailResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const application = await this.applications.lockById(manager, auth.organizationId, applicationId, 'update');
      if (!application) throw AppError.notFound('Application', applicationId);
      const patch: Partial<ApplicationEntity> = {};
      if (dto.stage !== undefined && dto.stage !== application.stage) patch.stage = dto.stage;
      if (dto.status !== undefined && dto.status !== application.status) {
        if (application.decidedAt) throw AppError.conflict('decision_recorded', 'The hiring decision is recorded; the status follows it.');
        if (application.status !== 'active')
          throw AppError.conflict('application_not_active', `The application is ${application.status}; only an active application changes status.`);
        patch.status = dto.status;
      }
      if (Object.keys(patch).length === 0) return;
      await this.applications.update(manager, auth.organizationId, applicationId, patch);
      await this.audit.record(manager, auth, {
        action: patch.status ? 'application.status_changed' : 'application.updated',
        entityType: 'application',
        entityId: applicationId,
        before: { stage: application.stage, status: application.status },
        after: { stage: patch.stage ?? application.stage, status: patch.status ?? application.status },
        personal: { candidateId: application.candidateId, fields: ['stage'] },
      });
    });
    return this.get(auth, applicationId);
  }
}
