import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  buildInterviewerValidity,
  buildValidityReport,
  pearson,
  type AssessedApplication,
  type InterviewerValidity,
  type OutcomeDefinition,
  type PredictorDefinition,
  type ValidityReport,
} from '@hireloop/calibration/quality-of-hire';
import { JobName, QueueName } from '@hireloop/queue';
import { AppError } from '../common/app-error';
import { hasRole, type AuthContext } from '../common/auth-context';
import { OutboxService } from '../outbox/outbox.service';
import type { StoredValidityReport, ValidityReportReason, ValidityReportStatus } from './validity-report.entity';
import { ValidityReportsRepository, type AssessedApplicationRow, type Label, type ValidityReportRow } from './validity-reports.repository';

/** Payload of `compute-validity-report`: ids only; the worker re-reads everything. */
export interface ValidityReportJobData {
  organizationId: string;
  reportId: string;
}

/** Payload of the nightly `compute-validity-reports`: every organization. */
export interface NightlyValidityReportsJobData {
  organizationId: null;
  reason: 'nightly';
}

export const OUTCOME_DEFINITIONS: readonly OutcomeDefinition[] = [
  { key: 'rating_90d', label: 'Performance rating at 90 days' },
  { key: 'rating_6m', label: 'Performance rating at 6 months' },
  { key: 'rating_12m', label: 'Performance rating at 12 months' },
  { key: 'time_to_productivity', label: 'Speed to productivity (days to productivity, sign reversed: fewer days count higher)' },
  { key: 'retained_12m', label: 'Still employed at 12 months (1 = yes, 0 = left within the year)' },
];

/** The shape the API returns (ValidityReportResponseDto mirrors it). */
export interface ValidityReportView {
  id: string;
  version: number;
  roleId: string | null;
  status: ValidityReportStatus;
  computedAt: string | null;
  minN: number;
  hires: number;
  assessed: number;
  predictors: ValidityReport['predictors'];
  outcomes: ValidityReport['outcomes'];
  cells: ValidityReport['cells'];
  scatter: ValidityReport['scatter'];
  retention: ValidityReport['retention'];
}

export interface OutcomeValidityView {
  status: 'no_report' | 'not_enough_data' | 'estimated';
  n: number;
  r: number | null;
  shrunk: number | null;
  organizationR: number | null;
  interval: { low: number; high: number } | null;
  minN: number | null;
  computedAt: string | null;
}

/**
 * Validity reports (issue 15, item 3): queued by the API (admins, people analytics, a role's hiring manager for
 * their roles), computed by the worker on demand and nightly, read back by version. The computation reads with a
 * handful of set-based statements (`ValidityReportsRepository`) and assembles with the pure `buildValidityReport`.
 */
@Injectable()
export class ValidityReportsService {
  private readonly logger = new Logger(ValidityReportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ValidityReportsRepository,
    private readonly outbox: OutboxService,
  ) {}

  // ── API ─────────────────────────────────────────────────────────────────────────────────────────────────────

  async request(auth: AuthContext, roleId: string | null, minN: number): Promise<ValidityReportView> {
    await this.assertCanRead(auth, roleId);
    const row = await this.dataSource.transaction(async (manager) => {
      const created = await this.reports.create(manager, auth.organizationId, roleId, 'manual', minN, auth.memberId);
      await this.outbox.enqueue(manager, {
        organizationId: auth.organizationId,
        queue: QueueName.QualityOfHire,
        jobName: JobName.ComputeValidityReport,
        payload: { organizationId: auth.organizationId, reportId: created.id } satisfies ValidityReportJobData,
        dedupeKey: `validity-report:${created.id}`,
      });
      return created;
    });
    return toView(row);
  }

  async latest(auth: AuthContext, roleId: string | null): Promise<ValidityReportView> {
    await this.assertCanRead(auth, roleId);
    const row = await this.reports.latest(auth.organizationId, roleId);
    if (!row) throw AppError.notFound('Validity report');
    return toView(row);
  }

  async get(auth: AuthContext, id: string): Promise<ValidityReportView> {
    const row = await this.reports.findById(auth.organizationId, id);
    if (!row) throw AppError.notFound('Validity report', id);
    await this.assertCanRead(auth, row.roleId);
    return toView(row);
  }

  /** An interviewer's shrunk validity from the latest done organization-wide report. */
  async interviewerValidity(organizationId: string, interviewerId: string): Promise<OutcomeValidityView> {
    const found = await this.reports.latestInterviewerValidity(organizationId, interviewerId);
    const none = { n: 0, r: null, shrunk: null, organizationR: null, interval: null };
    if (!found) return { status: 'no_report', ...none, minN: null, computedAt: null };
    const entry = found.entry as InterviewerValidity | null;
    const base = { minN: found.minN, computedAt: found.computedAt.toISOString() };
    if (!entry || entry.status !== 'estimated' || found.organizationR === null)
      return { status: 'not_enough_data', ...none, n: entry?.n ?? 0, ...base };
    return {
      status: 'estimated',
      n: entry.n,
      r: entry.r,
      shrunk: entry.shrunk,
      organizationR: found.organizationR,
      interval: entry.interval,
      ...base,
    };
  }

  /** Organization-wide: admins and people analytics. A role: those, and the role's hiring manager. Unknown role: 404. */
  private async assertCanRead(auth: AuthContext, roleId: string | null): Promise<void> {
    if (roleId !== null) {
      const role = await this.reports.findRole(auth.organizationId, roleId);
      if (!role) throw AppError.notFound('Role', roleId);
      if (hasRole(auth, 'admin', 'people_analytics') || role.hiringManagerId === auth.memberId) return;
      throw AppError.forbidden(
        'validity_reports_forbidden',
        "A role's validity report is for admins, people analytics and the role's hiring manager.",
      );
    }
    if (!hasRole(auth, 'admin', 'people_analytics')) {
      throw AppError.forbidden('validity_reports_forbidden', 'The organization-wide validity report is for admins and people analytics.');
    }
  }

  // ── Worker ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** Computes a queued report; a report already done or failed is left alone (a redelivered job). */
  async compute(organizationId: string, reportId: string): Promise<{ status: ValidityReportStatus; ms: number }> {
    const started = Date.now();
    const row = await this.reports.findById(organizationId, reportId);
    if (!row) return { status: 'failed', ms: 0 };
    if (row.status === 'done' || row.status === 'failed') return { status: row.status, ms: 0 };
    if (!(await this.reports.markRunning(organizationId, reportId))) return { status: row.status, ms: 0 };
    try {
      const report = await this.assemble(organizationId, row.roleId, row.minN);
      await this.reports.markDone(organizationId, reportId, report);
      const ms = Date.now() - started;
      this.logger.log(
        `validity report ${reportId} (${row.roleId ?? 'organization'} v${row.version}): ${report.hires} hires, ${report.assessed} assessed, ${report.cells.length} cells in ${ms} ms`,
      );
      return { status: 'done', ms };
    } catch (error) {
      await this.reports.markFailed(organizationId, reportId, (error as Error).message);
      throw error;
    }
  }

  /** Creates a report row for (organization, role) — used by the nightly run, which computes it at once. */
  async createQueued(organizationId: string, roleId: string | null, reason: ValidityReportReason, minN: number): Promise<ValidityReportRow> {
    return this.dataSource.transaction((manager) => this.reports.create(manager, organizationId, roleId, reason, minN, null));
  }

  nightlyTargets(): Promise<{ organizationId: string; roleIds: string[] }[]> {
    return this.reports.nightlyTargets();
  }

  /** Reads and assembles a report: three statements for the report, one more (organization-wide) for interviewers. */
  async assemble(organizationId: string, roleId: string | null, minN: number): Promise<StoredValidityReport> {
    const [rows, rounds, dimensionLabels, roundLabels, pairs] = await Promise.all([
      this.reports.assessedApplications(organizationId, roleId),
      this.reports.roundMeans(organizationId, roleId),
      this.reports.dimensionLabels(organizationId, roleId),
      this.reports.roundLabels(organizationId, roleId),
      roleId === null ? this.reports.interviewerPairs(organizationId) : Promise.resolve(null),
    ]);
    const roundsByApplication = new Map<string, Record<string, number>>();
    for (const r of rounds) {
      let entry = roundsByApplication.get(r.applicationId);
      if (!entry) roundsByApplication.set(r.applicationId, (entry = {}));
      entry[`round:${r.roundKey}`] = r.mean;
    }
    const dimensionKeys = new Set<string>();
    const roundKeys = new Set<string>();
    const applications: AssessedApplication[] = rows.map((row) => {
      const predictors: Record<string, number | null> = {
        panel_score: row.score,
        raw_score: row.rawScore,
        recommendation: row.recommendation === null ? null : RECOMMENDATION_CODE[row.recommendation],
      };
      for (const [key, value] of Object.entries(row.dimensionMeans ?? {})) {
        dimensionKeys.add(key);
        predictors[`dimension:${key}`] = typeof value === 'number' ? value : null;
      }
      for (const [key, value] of Object.entries(roundsByApplication.get(row.applicationId) ?? {})) {
        roundKeys.add(key);
        predictors[key] = value;
      }
      return {
        applicationId: row.applicationId,
        hired: row.hired,
        recommendation: row.recommendation,
        predictors,
        outcomes: row.hired ? outcomesOf(row) : undefined,
        tenure: row.hired && row.tenureDays !== null ? { days: row.tenureDays, departed: row.departed } : null,
      };
    });
    const predictors: PredictorDefinition[] = [
      { key: 'panel_score', label: 'Panel score (leniency-adjusted)', kind: 'panel_score' },
      { key: 'raw_score', label: 'Raw score (unadjusted ratings)', kind: 'raw_score' },
      ...labelled(dimensionLabels, dimensionKeys, (key) => `dimension:${key}`).map(({ key, label }) => ({
        key: `dimension:${key}`,
        label: `${label} (dimension mean)`,
        kind: 'dimension' as const,
      })),
      ...labelled(roundLabels, roundKeys, (key) => `round:${key}`).map(({ key, label }) => ({
        key: `round:${key}`,
        label: `${label} round (mean rating)`,
        kind: 'round' as const,
      })),
      { key: 'recommendation', label: 'Panel recommendation (no hire 0, inconclusive 1, hire 2)', kind: 'recommendation' },
    ];
    const report = buildValidityReport({ predictors, outcomes: OUTCOME_DEFINITIONS, applications }, { minN });
    const interviewerValidity = pairs === null ? null : buildInterviewerValidity(pairs, minN, pearson);
    return { ...report, interviewerValidity };
  }
}

const RECOMMENDATION_CODE = { no_hire: 0, inconclusive: 1, hire: 2 } as const;

/** Outcomes oriented so that higher = better (days to productivity negated). */
function outcomesOf(row: AssessedApplicationRow): Record<string, number | null> {
  return {
    rating_90d: row.rating90d,
    rating_6m: row.rating6m,
    rating_12m: row.rating12m,
    time_to_productivity: row.productivityDays === null ? null : -row.productivityDays,
    retained_12m: row.retained12m,
  };
}

/** Labels in their (loop) order for keys seen in the data; a key without a label (a removed dimension) keeps a plain one. */
function labelled(labels: Label[], seen: Set<string>, prefixed: (key: string) => string): Label[] {
  const known = labels.filter((l) => seen.has(l.key) || seen.has(prefixed(l.key)));
  const knownKeys = new Set(known.map((l) => l.key));
  const rest = [...seen]
    .map((k) => k.replace(/^round:/, ''))
    .filter((k) => !knownKeys.has(k))
    .sort()
    .map((key) => ({ key, label: 'Removed from the loop' }));
  return [...known, ...rest];
}

export function toView(row: ValidityReportRow): ValidityReportView {
  const report = row.status === 'done' ? row.report : null;
  return {
    id: row.id,
    version: row.version,
    roleId: row.roleId,
    status: row.status,
    computedAt: row.computedAt ? new Date(row.computedAt).toISOString() : null,
    minN: row.minN,
    hires: report?.hires ?? 0,
    assessed: report?.assessed ?? 0,
    predictors: report?.predictors ?? [],
    outcomes: report?.outcomes ?? OUTCOME_DEFINITIONS,
    cells: report?.cells ?? [],
    scatter: report?.scatter ?? [],
    retention: report?.retention ?? {
      groups: [],
      logRank: null,
      status: 'not_enough_data',
    },
  };
}
