import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { pgConstraint, PgErrorCode, pgErrorCode } from '@hireloop/database';
import { AuditService } from '../audit/audit.service';
import { AppError, FieldError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { CountedPageQueryDto, Page, pageLimit, toPage, withTotal } from '../common/pagination';
import { ApplicationStatus } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import { CandidateEntity } from './candidate.entity';
import { CandidatesRepository } from './candidates.repository';

/** What adding a candidate needs (CreateCandidateRequestDto satisfies it). */
export interface CreateCandidateInput {
  name: string;
  email: string;
  source?: string | null;
  links?: string[];
}

/** A candidate's edit: absent fields stay, a null source clears it (UpdateCandidateRequestDto satisfies it). */
export type UpdateCandidateInput = Partial<CreateCandidateInput>;

export interface CandidateListQuery extends CountedPageQueryDto {
  /** Case-insensitive part of the name or email. */
  q?: string;
}

/** The shape the API returns for a candidate (CandidateResponseDto mirrors it). */
export interface CandidateView {
  id: string;
  name: string;
  email: string;
  source: string | null;
  links: string[];
  erased: boolean;
  erasedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CandidateApplicationSummary {
  id: string;
  roleId: string;
  roleTitle: string;
  stage: string;
  status: ApplicationStatus;
}

export interface CandidateDetailView extends CandidateView {
  applications: CandidateApplicationSummary[];
}

export type CandidatePage = Page<CandidateView> & { total?: number };

export function candidateView(c: CandidateEntity): CandidateView {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    source: c.source,
    links: c.links ?? [],
    erased: c.erasedAt !== null,
    erasedAt: c.erasedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

const EMAIL_TAKEN: FieldError = { field: 'email', message: 'a candidate with this email already exists in the organization', code: 'email_taken' };

/**
 * Candidates' personal data. Audit rows never carry it (names, emails, links): the audit log cannot be edited, so
 * anything written there would survive an erasure. They record which fields changed instead.
 */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidatesRepository,
    private readonly applications: ApplicationsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(auth: AuthContext, dto: CreateCandidateInput): Promise<CandidateView> {
    const candidate = await this.uniqueEmail(() =>
      this.dataSource.transaction(async (manager) => {
        const created = await this.candidates.insert(manager, {
          organizationId: auth.organizationId,
          name: dto.name,
          email: dto.email,
          source: dto.source || null,
          links: dto.links ?? [],
        });
        await this.audit.record(manager, auth, {
          action: 'candidate.created',
          entityType: 'candidate',
          entityId: created.id,
          after: { source: created.source, links: created.links.length },
          personal: { candidateId: created.id, fields: ['source'] },
        });
        return created;
      }),
    );
    return candidateView(candidate);
  }

  async list(auth: AuthContext, query: CandidateListQuery): Promise<CandidatePage> {
    const filter = { q: query.q || undefined };
    const [rows, total] = await Promise.all([
      this.candidates.page(auth.organizationId, query, filter),
      query.withTotal ? this.candidates.count(auth.organizationId, filter) : undefined,
    ]);
    return withTotal(
      toPage(rows, pageLimit(query), (c) => this.candidates.cursorOf(c), candidateView),
      total,
    );
  }

  async get(auth: AuthContext, candidateId: string): Promise<CandidateDetailView> {
    const candidate = await this.candidates.findById(auth.organizationId, candidateId);
    if (!candidate) throw AppError.notFound('Candidate', candidateId);
    const applications = await this.applications.summariesForCandidate(auth.organizationId, candidateId);
    return { ...candidateView(candidate), applications };
  }

  async update(auth: AuthContext, candidateId: string, dto: UpdateCandidateInput): Promise<CandidateDetailView> {
    await this.uniqueEmail(() =>
      this.dataSource.transaction(async (manager) => {
        const candidate = await this.lockLive(manager, auth, candidateId);
        const patch: Partial<CandidateEntity> = {};
        if (dto.name !== undefined && dto.name !== candidate.name) patch.name = dto.name;
        if (dto.email !== undefined && dto.email !== candidate.email) patch.email = dto.email;
        if (dto.source !== undefined && (dto.source || null) !== candidate.source) patch.source = dto.source || null;
        if (dto.links !== undefined && JSON.stringify(dto.links) !== JSON.stringify(candidate.links)) patch.links = dto.links;
        const changed = Object.keys(patch);
        if (changed.length === 0) return;
        await this.candidates.update(manager, auth.organizationId, candidateId, patch);
        await this.audit.record(manager, auth, {
          action: 'candidate.updated',
          entityType: 'candidate',
          entityId: candidateId,
          before: { changed, source: candidate.source, links: candidate.links.length },
          after: { changed, source: patch.source !== undefined ? patch.source : candidate.source, links: (patch.links ?? candidate.links).length },
          personal: { candidateId, fields: ['source'] },
        });
      }),
    );
    return this.get(auth, candidateId);
  }

  private async lockLive(manager: EntityManager, auth: AuthContext, candidateId: string): Promise<CandidateEntity> {
    const candidate = await this.candidates.lockById(manager, auth.organizationId, candidateId);
    if (!candidate) throw AppError.notFound('Candidate', candidateId);
    if (candidate.erasedAt) throw AppError.conflict('candidate_erased', "This candidate's personal data was erased; the record cannot be changed.");
    return candidate;
  }

  private async uniqueEmail<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation && pgConstraint(error) === 'candidates_organization_id_email_key') {
        throw new AppError('conflict', 'candidate_email_taken', 'A candidate with this email already exists.', [EMAIL_TAKEN]);
      }
      throw error;
    }
  }
}
