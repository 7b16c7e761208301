import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AppError,
  ApplicationsRepository,
  AuditService,
  AuthContext,
  CandidateEntity,
  CandidatesRepository,
  FieldError,
  pageLimit,
  toPage,
  withTotal,
} from '@hireloop/core';
import { pgConstraint, PgErrorCode, pgErrorCode } from '@hireloop/database';
import { CreateCandidateRequestDto, ListCandidatesQueryDto, UpdateCandidateRequestDto } from './dto/candidate.request.dto';
import { CandidateDetailResponseDto, CandidatePageResponseDto, CandidateResponseDto } from './dto/candidate.response.dto';

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

  async create(auth: AuthContext, dto: CreateCandidateRequestDto): Promise<CandidateResponseDto> {
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
    return CandidateResponseDto.from(candidate);
  }

  async list(auth: AuthContext, query: ListCandidatesQueryDto): Promise<CandidatePageResponseDto> {
    const filter = { q: query.q || undefined };
    const [rows, total] = await Promise.all([
      this.candidates.page(auth.organizationId, query, filter),
      query.withTotal ? this.candidates.count(auth.organizationId, filter) : undefined,
    ]);
    return withTotal(
      toPage(rows, pageLimit(query), (c) => this.candidates.cursorOf(c), CandidateResponseDto.from),
      total,
    );
  }

  async get(auth: AuthContext, candidateId: string): Promise<CandidateDetailResponseDto> {
    const candidate = await this.candidates.findById(auth.organizationId, candidateId);
    if (!candidate) throw AppError.notFound('Candidate', candidateId);
    const applications = await this.applications.summariesForCandidate(auth.organizationId, candidateId);
    return { ...CandidateResponseDto.from(candidate), applications };
  }

  async update(auth: AuthContext, candidateId: string, dto: UpdateCandidateRequestDto): Promise<CandidateDetailResponseDto> {
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
