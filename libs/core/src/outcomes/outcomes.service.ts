import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PgErrorCode, pgErrorCode } from '@hireloop/database';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext, hasRole } from '../common/auth-context';
import { OutcomeEntity } from './outcome.entity';
import { OutcomeInput, validateOutcome } from './outcome-rules';
import { OutcomesView, OutcomeView, outcomeView } from './outcome-views';
import { OutcomeApplicationRow, OutcomesRepository } from './outcomes.repository';
import { PerformanceScale, scaleProblems } from './performance-scale';

/** An edit as sent: the fields to change (the kind stays; sending it is refused by name). */
export type UpdateOutcomeInput = Omit<OutcomeInput, 'kind'>;

/** A rating scale as sent; checked here (min, max and a label per level). */
export interface PerformanceScaleInput {
  min: unknown;
  max: unknown;
  labels: unknown;
}

/** Values of an outcome that are personnel data: sealed in the audit log with the candidate's key (erasure shreds them). */
const PERSONAL_FIELDS = ['rating', 'days', 'departureType', 'date'] as const;

/**
 * Outcomes of hired applications. Admins and people analytics: every role; a hiring manager: the roles they manage.
 * Interviewers and recruiters never (the route refuses them). Every write is audited with the values sealed.
 */
@Injectable()
export class OutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outcomes: OutcomesRepository,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, applicationId: string): Promise<OutcomesView> {
    await this.accessibleApplication(auth, applicationId);
    const [scale, items] = await Promise.all([
      this.outcomes.scale(auth.organizationId),
      this.outcomes.listForApplication(auth.organizationId, applicationId),
    ]);
    return { scale, items: items.map((o) => outcomeView(o, scale)) };
  }

  async record(auth: AuthContext, applicationId: string, input: OutcomeInput): Promise<OutcomeView> {
    return this.write(async (manager) => {
      const application = await this.accessibleApplication(auth, applicationId, manager);
      this.assertHired(application);
      const scale = await this.outcomes.scale(auth.organizationId, manager);
      const checked = validateOutcome(input, scale);
      if ('errors' in checked) throw AppError.invalidFields(checked.errors, 'The outcome has invalid fields.');
      const saved = await this.outcomes.insert(manager, {
        ...checked.values,
        organizationId: auth.organizationId,
        applicationId,
        recordedByMemberId: auth.memberId,
      });
      await this.auditChange(manager, auth, 'outcome.recorded', saved, application, null);
      return outcomeView(saved, scale);
    });
  }

  async update(auth: AuthContext, applicationId: string, outcomeId: string, input: UpdateOutcomeInput): Promise<OutcomeView> {
    return this.write(async (manager) => {
      const application = await this.accessibleApplication(auth, applicationId, manager);
      const current = await this.outcomes.findOne(manager, auth.organizationId, applicationId, outcomeId);
      if (!current) throw AppError.notFound('Outcome', outcomeId);
      if (input !== null && typeof input === 'object' && 'kind' in input)
        throw AppError.invalid('kind', 'the kind of an outcome cannot change; delete it and record another', 'kind_immutable');
      // Only the date may be cleared; any other field sent as null is refused by name (leave it out to keep it).
      const nulled = Object.entries(input).filter(([field, value]) => value === null && field !== 'date');
      if (nulled.length)
        throw AppError.invalidFields(
          nulled.map(([field]) => ({ field, message: `${field} cannot be null; leave it out to keep the stored value`, code: 'not_nullable' })),
          'The outcome has invalid fields.',
        );
      const scale = await this.outcomes.scale(auth.organizationId, manager);
      const merged = { ...this.asInput(current), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      const checked = validateOutcome(merged, scale);
      if ('errors' in checked) throw AppError.invalidFields(checked.errors, 'The outcome has invalid fields.');
      const before = { ...current };
      await this.outcomes.update(manager, auth.organizationId, outcomeId, { ...checked.values, recordedByMemberId: auth.memberId });
      const after = (await this.outcomes.findOne(manager, auth.organizationId, applicationId, outcomeId))!;
      await this.auditChange(manager, auth, 'outcome.updated', after, application, before);
      return outcomeView(after, scale);
    });
  }

  async remove(auth: AuthContext, applicationId: string, outcomeId: string): Promise<void> {
    await this.write(async (manager) => {
      const application = await this.accessibleApplication(auth, applicationId, manager);
      const current = await this.outcomes.findOne(manager, auth.organizationId, applicationId, outcomeId);
      if (!current) throw AppError.notFound('Outcome', outcomeId);
      await this.outcomes.delete(manager, auth.organizationId, outcomeId);
      await this.audit.record(manager, auth, {
        action: 'outcome.deleted',
        entityType: 'outcome',
        entityId: outcomeId,
        before: this.auditView(current),
        personal: { candidateId: application.candidateId, fields: PERSONAL_FIELDS },
      });
    });
  }

  async scale(auth: AuthContext): Promise<PerformanceScale> {
    return this.outcomes.scale(auth.organizationId);
  }

  async setScale(auth: AuthContext, input: PerformanceScaleInput): Promise<PerformanceScale> {
    const scale = { min: input.min, max: input.max, labels: input.labels } as PerformanceScale;
    const labelsOk = scale.labels !== null && typeof scale.labels === 'object' && !Array.isArray(scale.labels);
    const problems = labelsOk ? scaleProblems(scale) : [{ field: 'labels', message: 'labels must be an object of level → label' }];
    if (problems.length) throw AppError.invalidFields(problems, 'The rating scale is invalid.');
    return this.dataSource.transaction(async (manager) => {
      const before = await this.outcomes.scale(auth.organizationId, manager);
      const outside = await this.outcomes.ratingsOutside(manager, auth.organizationId, scale);
      if (outside > 0)
        throw AppError.conflict(
          'ratings_outside_scale',
          `${outside} recorded rating(s) lie outside ${scale.min}–${scale.max}; change or delete them first.`,
          { ratingsOutside: outside },
        );
      await this.outcomes.saveScale(manager, auth.organizationId, scale);
      await this.audit.record(manager, auth, {
        action: 'outcome_scale.changed',
        entityType: 'organization',
        entityId: auth.organizationId,
        before,
        after: scale,
      });
      return scale;
    });
  }

  /** 404 for an application of another organization (RLS hides it) or one this hiring manager does not manage. */
  private async accessibleApplication(auth: AuthContext, applicationId: string, manager?: EntityManager): Promise<OutcomeApplicationRow> {
    const application = await this.outcomes.findApplication(auth.organizationId, applicationId, manager, manager !== undefined);
    if (!application) throw AppError.notFound('Application', applicationId);
    if (hasRole(auth, 'admin', 'people_analytics')) return application;
    if (hasRole(auth, 'hiring_manager') && application.hiringManagerId === auth.memberId) return application;
    throw AppError.forbidden('outcomes_forbidden', "Only admins, people analytics and the role's hiring manager can see or record outcomes.");
  }

  private assertHired(application: OutcomeApplicationRow): void {
    if (application.status !== 'hired') {
      throw AppError.conflict(
        'application_not_hired',
        `The application is ${application.status}; outcomes are recorded for hired applications only.`,
      );
    }
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UniqueViolation) {
        throw AppError.conflict(
          'outcome_exists',
          'This outcome is already recorded for the application (one rating per review point, one time to productivity, one departure, one promotion per date); edit it instead.',
        );
      }
      throw error;
    }
  }

  private asInput(o: OutcomeEntity) {
    return { kind: o.kind, reviewPoint: o.reviewPoint, rating: o.rating, days: o.days, departureType: o.departureType, date: o.occurredOn };
  }

  private auditView(o: OutcomeEntity) {
    return {
      applicationId: o.applicationId,
      kind: o.kind,
      reviewPoint: o.reviewPoint,
      rating: o.rating,
      days: o.days,
      departureType: o.departureType,
      date: o.occurredOn,
    };
  }

  private async auditChange(
    manager: EntityManager,
    auth: AuthContext,
    action: string,
    outcome: OutcomeEntity,
    application: OutcomeApplicationRow,
    before: OutcomeEntity | null,
  ) {
    await this.audit.record(manager, auth, {
      action,
      entityType: 'outcome',
      entityId: outcome.id,
      before: before ? this.auditView(before) : undefined,
      after: this.auditView(outcome),
      personal: { candidateId: application.candidateId, fields: PERSONAL_FIELDS },
    });
  }
}
