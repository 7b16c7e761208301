import type { CountedPageQueryDto, Page } from '../common/pagination';
import type { DimensionEntity } from './dimension.entity';
import type { LoopReadiness } from './loop-readiness';
import type { RoundKind } from './loop-snapshot';
import { ratingScaleOf, type RatingScaleKind } from './rating-scale';
import type { RoleEntity, RoleStatus } from './role.entity';
import type { HirePolicy } from './roles.repository';
import type { RoundEntity } from './round.entity';

// What the role services take (the API's request DTOs satisfy these) and return (its response DTOs mirror them).

/** Any subset of the hire policy; fields left out keep their current value (the calibration defaults on creation). */
export type HirePolicyInput = Partial<HirePolicy>;

export interface CreateRoleInput {
  title: string;
  level?: string | null;
  department?: string | null;
  location?: string | null;
  hiringManagerId?: string | null;
  ratingScale?: RatingScaleKind;
  hirePolicy?: HirePolicyInput;
}

/** Every field optional; `null` clears level, department, location or the hiring manager. */
export type UpdateRoleInput = Partial<CreateRoleInput>;

export interface RoleListQuery extends CountedPageQueryDto {
  q?: string;
  status?: RoleStatus;
}

export interface CloneRoleInput {
  title?: string;
}

/** Anchors keyed by level value ('1'–'5'). */
export interface RubricInput {
  '1'?: string;
  '2'?: string;
  '3'?: string;
  '4'?: string;
  '5'?: string;
}

export interface SignalsInput {
  strong?: string[];
  weak?: string[];
  redFlags?: string[];
}

export interface CreateDimensionInput {
  name: string;
  description?: string;
  weight: number;
  rubric: RubricInput;
  required?: boolean;
  signals?: SignalsInput;
  position?: number;
}

export type UpdateDimensionInput = Partial<CreateDimensionInput>;

export interface SetWeightsInput {
  weights: { dimensionId: string; weight: number }[];
}

export interface CreateRoundInput {
  name: string;
  kind: RoundKind;
  durationMinutes: number;
  position?: number;
  focusDimensionIds?: string[];
  questionIds?: string[];
}

export type UpdateRoundInput = Partial<CreateRoundInput>;

export interface ReadinessIssueView {
  field: string;
  message: string;
  code: string;
}

export interface ReadinessView {
  canOpen: boolean;
  errors: ReadinessIssueView[];
  warnings: ReadinessIssueView[];
}

export interface RubricView {
  '1': string;
  '2': string;
  '3': string;
  '4': string;
  '5'?: string;
}

export interface DimensionView {
  id: string;
  name: string;
  description: string;
  weight: number;
  rubric: RubricView;
  required: boolean;
  signals: { strong: string[]; weak: string[]; redFlags: string[] };
  position: number;
}

export interface RoundView {
  id: string;
  name: string;
  kind: RoundKind;
  durationMinutes: number;
  position: number;
  focusDimensionIds: string[];
  questionIds: string[];
}

export interface RoleSummaryView {
  id: string;
  title: string;
  level: string | null;
  department: string | null;
  location: string | null;
  status: RoleStatus;
  hiringManagerId: string | null;
  hiringManagerName: string | null;
  templateKey: string | null;
  clonedFromRoleId: string | null;
  ratingScale: RatingScaleKind;
  scaleLevels: { value: number; key: string; label: string }[];
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RoleView extends RoleSummaryView {
  hirePolicy: HirePolicy;
  loopVersion: { id: string; number: number };
  weightSum: number;
  dimensions: DimensionView[];
  rounds: RoundView[];
  readiness: ReadinessView;
}

export type RolePage = Page<RoleSummaryView> & { total?: number };

export interface DimensionChangeView {
  dimension: DimensionView;
  role: RoleView;
}

export interface RoundChangeView {
  round: RoundView;
  role: RoleView;
}

export interface LoopVersionSummaryView {
  id: string;
  number: number;
  current: boolean;
  scorecardCount: number;
  createdAt: string;
}

export interface LoopVersionView extends LoopVersionSummaryView {
  snapshot: Record<string, unknown>;
}

export type LoopVersionPage = Page<LoopVersionSummaryView>;

export function readinessView(readiness: LoopReadiness): ReadinessView {
  const issue = (e: { field: string; message: string; code?: string }) => ({ field: e.field, message: e.message, code: e.code ?? 'invalid' });
  return { canOpen: readiness.canOpen, errors: readiness.errors.map(issue), warnings: readiness.warnings.map(issue) };
}

export function dimensionView(d: DimensionEntity): DimensionView {
  const rubric = Object.fromEntries(['1', '2', '3', '4', '5'].filter((k) => typeof d.rubric?.[k] === 'string').map((k) => [k, d.rubric[k]]));
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    weight: Number(d.weight),
    rubric: rubric as unknown as RubricView,
    required: d.required !== false,
    signals: { strong: d.strongSignals, weak: d.weakSignals, redFlags: d.redFlags },
    position: d.position,
  };
}

export function roundView(r: RoundEntity): RoundView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    durationMinutes: r.durationMinutes,
    position: r.position,
    focusDimensionIds: r.focusDimensionIds,
    questionIds: r.questionIds,
  };
}

export function roleSummaryView(role: RoleEntity, hiringManagerName: string | null = null): RoleSummaryView {
  return {
    id: role.id,
    title: role.title,
    level: role.level,
    department: role.department,
    location: role.location,
    status: role.status,
    hiringManagerId: role.hiringManagerId,
    hiringManagerName,
    templateKey: role.templateKey,
    clonedFromRoleId: role.clonedFromRoleId,
    ratingScale: ratingScaleOf(role.ratingScale).kind,
    scaleLevels: ratingScaleOf(role.ratingScale).levels.map((l) => ({ value: l.value, key: l.key, label: l.label })),
    openedAt: role.openedAt?.toISOString() ?? null,
    closedAt: role.closedAt?.toISOString() ?? null,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  };
}

export function roleView(
  role: RoleEntity,
  parts: {
    hirePolicy: HirePolicy;
    loopVersion: { id: string; number: number };
    dimensions: DimensionEntity[];
    rounds: RoundEntity[];
    readiness: LoopReadiness;
    hiringManagerName: string | null;
  },
): RoleView {
  return {
    ...roleSummaryView(role, parts.hiringManagerName),
    hirePolicy: parts.hirePolicy,
    loopVersion: parts.loopVersion,
    weightSum: parts.readiness.weightSum,
    dimensions: parts.dimensions.map(dimensionView),
    rounds: parts.rounds.map(roundView),
    readiness: readinessView(parts.readiness),
  };
}
