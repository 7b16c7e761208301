import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pgConstraint, PgErrorCode, pgErrorCode } from '@hireloop/database';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext, hasRole } from '../common/auth-context';
import { canReadApplication } from '../scorecards/feedback-access';
import { CountedPageQueryDto, Page, pageLimit, toPage, withTotal } from '../common/pagination';
import { interviewView, InterviewView } from '../interviews/interview-view';
import { InterviewsRepository } from '../interviews/interviews.repository';
import { ApplicationEntity, ApplicationStatus } from './application.entity';
import { ApplicationLabels, ApplicationsRepository } from './applications.repository';
import { CandidatesRepository } from './candidates.repository';

/** What creating an application needs (CreateApplicationRequestDto satisfies it). */
export interface CreateApplicationInput {
  candidateId: string;
  roleId: string;
  stage?: string;
}

/** Statuses a recruiter may set; `hired` comes only with the hiring decision. */
export const SETTABLE_APPLICATION_STATUSES = ['rejected', 'withdrawn'] as const;

/** An application's edit: absent fields stay (UpdateApplicationRequestDto satisfies it). */
export interface UpdateApplicationInput {
  stage?: string;
  status?: (typeof SETTABLE_APPLICATION_STATUSES)[number];
}

export interface ApplicationListQuery extends CountedPageQueryDto {
  q?: string;
  roleId?: string;
  candidateId?: string;
  status?: ApplicationStatus;
}

/** The shape the API returns for an application (ApplicationResponseDto mirrors it). */
export interface ApplicationView {
  id: string;
  candidateId: string;
  candidateName: string;
  roleId: string;
  roleTitle: string;
  stage: string;
  status: ApplicationStatus;
  decidedAt: string | null;
  feedback: { submitted: number; expected: number };
  reportRecommendation: 'hire' | 'no_hire' | 'inconclusive' | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApplicationDetailView extends ApplicationView {
  roleLevel: string | null;
  hiringManagerId: string | null;
  interviews: InterviewView[];
}

export type ApplicationPage = Page<ApplicationView> & { total?: number };

export function applicationView(a: ApplicationEntity, labels: ApplicationLabels | undefined): ApplicationView {
  return {
    id: a.id,
    candidateId: a.candidateId,
    candidateName: labels?.candidateName ?? '',
    roleId: a.roleId,
    roleTitle: labels?.roleTitle ?? '',
    stage: a.stage,
    status: a.status,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    feedback: { submitted: labels?.feedbackSubmitted ?? 0, expected: labels?.feedbackExpected ?? 0 },
    reportRecommendation: labels?.reportRecommendation ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

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

  async create(auth: AuthContext, dto: CreateApplicationInput): Promise<ApplicationDetailView> {
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

  async list(auth: AuthContext, query: ApplicationListQuery): Promise<ApplicationPage> {
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
      auth.memberId,
    );
    return withTotal(
      toPage(
        rows,
        pageLimit(query),
        (a) => this.applications.cursorOf(a),
        (a) => applicationView(a, labels.get(a.id)),
      ),
      total,
    );
  }

  async get(auth: AuthContext, applicationId: string): Promise<ApplicationDetailView> {
    const application = await this.applications.findById(auth.organizationId, applicationId);
    if (!application) throw AppError.notFound('Application', applicationId);
    const labels = (await this.applications.labels(auth.organizationId, [application.id], auth.memberId)).get(application.id);
    if (!labels || !canReadApplication(auth, labels)) {
      throw AppError.forbidden('application_access_denied', "Only recruiters, admins and the role's hiring manager can read this application.");
    }
    const interviews = await this.interviews.withRounds(auth.organizationId, { applicationId });
    return {
      ...applicationView(application, labels),
      roleLevel: labels.roleLevel,
      hiringManagerId: labels.hiringManagerId,
      interviews: interviews.map(interviewView),
    };
  }

  async update(auth: AuthContext, applicationId: string, dto: UpdateApplicationInput): Promise<ApplicationDetailView> {
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
