import type { HirePolicy } from '../roles/roles.repository';
import type { RoundKind, Rubric } from '../roles/loop-snapshot';

/**
 * A ready-made hiring loop. Dimensions, rounds and questions refer to each other by `key`; creating a role from a
 * template turns keys into ids. A template must be openable as created: weights sum to 100, every dimension is the
 * focus of at least one round (ideally two), every round has a focus. `role-templates.spec.ts` checks this.
 */
export interface RoleTemplate {
  key: string;
  title: string;
  level: string;
  department: string;
  summary: string;
  /** Seed documents the facts come from (wording is ours). */
  sources: string[];
  /** What the loop as a whole is designed to find out, and which rounds probe each part. */
  focusAreas: TemplateFocusArea[];
  hirePolicy?: Partial<HirePolicy>;
  dimensions: TemplateDimension[];
  rounds: TemplateRound[];
  questions: TemplateQuestion[];
}

export interface TemplateFocusArea {
  key: string;
  name: string;
  description: string;
  roundKeys: string[];
}

export interface TemplateDimension {
  key: string;
  name: string;
  description: string;
  /** Percent. */
  weight: number;
  rubric: Rubric;
  signals: { strong: string[]; weak: string[]; redFlags: string[] };
}

export interface TemplateRound {
  key: string;
  name: string;
  kind: RoundKind;
  durationMinutes: number;
  /** Shown in the template listing; rounds themselves store no description. */
  purpose: string;
  /** Dimension keys. */
  focus: string[];
  /** Question keys, in the order the interviewer should ask them. */
  questions: string[];
}

export interface TemplateQuestion {
  key: string;
  prompt: string;
  pointsOfAssessment: string[];
  pitfalls: string[];
  followUps: string[];
  /** The template key is added as a tag as well. */
  tags: string[];
  /** Dimension keys the question assesses. */
  dimensions: string[];
}
