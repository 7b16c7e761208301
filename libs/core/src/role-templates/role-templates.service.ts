import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { mergeHirePolicy } from '../roles/hire-policy';
import type { RoundKind } from '../roles/loop-snapshot';
import { QuestionsRepository } from '../roles/questions.repository';
import { RoleLoopService } from '../roles/role-loop.service';
import type { RoleView, RubricView } from '../roles/role-views';
import { DEFAULT_HIRE_POLICY } from '../roles/roles.repository';
import type { RoleTemplate } from './role-template';
import { findRoleTemplate, ROLE_TEMPLATES } from './templates';

/** A draft role from a template (CreateRoleFromTemplateRequestDto satisfies it); given fields replace the template's. */
export interface CreateRoleFromTemplateInput {
  templateKey: string;
  title?: string;
  level?: string | null;
  department?: string | null;
  location?: string | null;
  hiringManagerId?: string | null;
}

/** The shape the API returns for a template (RoleTemplateResponseDto mirrors it). */
export interface RoleTemplateView {
  key: string;
  title: string;
  level: string;
  department: string;
  summary: string;
  sources: string[];
  focusAreas: { key: string; name: string; description: string; roundKeys: string[] }[];
  dimensions: {
    key: string;
    name: string;
    description: string;
    weight: number;
    rubric: RubricView;
    signals: { strong: string[]; weak: string[]; redFlags: string[] };
  }[];
  rounds: {
    key: string;
    name: string;
    kind: RoundKind;
    durationMinutes: number;
    purpose: string;
    focusDimensionKeys: string[];
    questionKeys: string[];
  }[];
  questions: {
    key: string;
    prompt: string;
    pointsOfAssessment: string[];
    pitfalls: string[];
    followUps: string[];
    tags: string[];
    dimensionKeys: string[];
  }[];
}

export interface RoleTemplatePage {
  items: RoleTemplateView[];
  nextCursor: string | null;
}

export function roleTemplateView(t: RoleTemplate): RoleTemplateView {
  return {
    key: t.key,
    title: t.title,
    level: t.level,
    department: t.department,
    summary: t.summary,
    sources: t.sources,
    focusAreas: t.focusAreas.map((f) => ({ key: f.key, name: f.name, description: f.description, roundKeys: f.roundKeys })),
    dimensions: t.dimensions.map((d) => ({
      key: d.key,
      name: d.name,
      description: d.description,
      weight: d.weight,
      rubric: d.rubric as unknown as RubricView,
      signals: d.signals,
    })),
    rounds: t.rounds.map((r) => ({
      key: r.key,
      name: r.name,
      kind: r.kind,
      durationMinutes: r.durationMinutes,
      purpose: r.purpose,
      focusDimensionKeys: r.focus,
      questionKeys: r.questions,
    })),
    questions: t.questions.map((q) => ({
      key: q.key,
      prompt: q.prompt,
      pointsOfAssessment: q.pointsOfAssessment,
      pitfalls: q.pitfalls,
      followUps: q.followUps,
      tags: q.tags,
      dimensionKeys: q.dimensions,
    })),
  };
}

/** Ready-made loops, and draft roles created from them. */
@Injectable()
export class RoleTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loop: RoleLoopService,
    private readonly questions: QuestionsRepository,
    private readonly audit: AuditService,
  ) {}

  list(): RoleTemplatePage {
    return { items: ROLE_TEMPLATES.map(roleTemplateView), nextCursor: null };
  }

  get(key: string): RoleTemplateView {
    const template = findRoleTemplate(key);
    if (!template) throw AppError.notFound('Role template', key);
    return roleTemplateView(template);
  }

  /**
   * A draft role with the template's dimensions and rounds. The template's questions go into the organization's
   * question bank tagged with the template key; a question already there (same tag and prompt) is reused.
   */
  async createRole(auth: AuthContext, dto: CreateRoleFromTemplateInput): Promise<RoleView> {
    const template = findRoleTemplate(dto.templateKey);
    if (!template) throw AppError.invalid('templateKey', `No template has the key ${dto.templateKey}.`, 'unknown_template');
    const roleId = await this.dataSource.transaction(async (manager) => {
      if (dto.hiringManagerId) await this.loop.assertHiringManager(manager, auth.organizationId, dto.hiringManagerId);
      const { role, dimensionIds } = await this.loop.createRoleWithDimensions(manager, auth, {
        role: {
          title: dto.title ?? template.title,
          level: dto.level === undefined ? template.level : dto.level,
          department: dto.department === undefined ? template.department : dto.department,
          location: dto.location ?? null,
          hiringManagerId: dto.hiringManagerId ?? null,
          hirePolicy: mergeHirePolicy({ ...DEFAULT_HIRE_POLICY }, template.hirePolicy),
          templateKey: template.key,
          clonedFromRoleId: null,
        },
        dimensions: template.dimensions.map((d) => ({
          key: d.key,
          name: d.name,
          description: d.description,
          weight: d.weight,
          rubric: d.rubric,
          strongSignals: d.signals.strong,
          weakSignals: d.signals.weak,
          redFlags: d.signals.redFlags,
        })),
      });
      const { questionIds, created, reused } = await this.bankQuestions(manager, auth, template, dimensionIds);
      await this.loop.addRounds(
        manager,
        auth.organizationId,
        role.id,
        template.rounds.map((r) => ({
          name: r.name,
          kind: r.kind,
          durationMinutes: r.durationMinutes,
          focusDimensionIds: r.focus.map((key) => dimensionIds.get(key)!),
          questionIds: r.questions.map((key) => questionIds.get(key)!),
        })),
      );
      await this.loop.syncVersion(manager, auth, role.id);
      await this.audit.record(manager, auth, {
        action: 'role.created_from_template',
        entityType: 'role',
        entityId: role.id,
        after: {
          title: role.title,
          templateKey: template.key,
          hiringManagerId: role.hiringManagerId,
          questionsCreated: created,
          questionsReused: reused,
        },
      });
      return role.id;
    });
    return this.loop.detail(auth.organizationId, roleId);
  }

  private async bankQuestions(manager: EntityManager, auth: AuthContext, template: RoleTemplate, dimensionIds: Map<string, string>) {
    const questionIds = new Map<string, string>();
    let created = 0;
    let reused = 0;
    for (const q of template.questions) {
      const dims = q.dimensions.map((key) => dimensionIds.get(key)!);
      const existing = await this.questions.findByTagAndPrompt(manager, auth.organizationId, template.key, q.prompt);
      if (existing) {
        // Keep the recruiter's edits; only make the question findable by the new role's dimensions too.
        await this.questions.update(manager, auth.organizationId, existing.id, { dimensionIds: [...new Set([...existing.dimensionIds, ...dims])] });
        questionIds.set(q.key, existing.id);
        reused++;
        continue;
      }
      const row = await this.questions.insert(manager, {
        organizationId: auth.organizationId,
        prompt: q.prompt,
        pointsOfAssessment: q.pointsOfAssessment,
        pitfalls: q.pitfalls,
        followUps: q.followUps,
        tags: [...new Set([template.key, ...q.tags])],
        dimensionIds: dims,
      });
      questionIds.set(q.key, row.id);
      created++;
    }
    return { questionIds, created, reused };
  }
}
