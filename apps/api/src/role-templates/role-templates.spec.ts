import { assessLoopReadiness, DEFAULT_HIRE_POLICY, ROUND_KINDS, sumWeights } from '@hireloop/core';
import { mergeHirePolicy, validateHirePolicy } from '@hireloop/core/roles/hire-policy';
import { MAX_ROUND_MINUTES, MIN_ROUND_MINUTES } from '../roles/dto/round.request.dto';
import type { RoleTemplate } from '@hireloop/core/role-templates/role-template';
import { findRoleTemplate, ROLE_TEMPLATE_KEYS, ROLE_TEMPLATES } from '@hireloop/core/role-templates/templates';

const byKey = (t: RoleTemplate) => [t.key, t] as const;

describe('role templates', () => {
  it('lists the two templates with unique keys', () => {
    expect(ROLE_TEMPLATE_KEYS).toEqual(['senior-applied-scientist', 'research-scientist-ml']);
    expect(findRoleTemplate('research-scientist-ml')?.title).toBe('Research Scientist (ML)');
    expect(findRoleTemplate('nope')).toBeUndefined();
  });

  describe.each(ROLE_TEMPLATES.map(byKey))('%s', (_key, template) => {
    const dimensionKeys = template.dimensions.map((d) => d.key);
    const roundKeys = template.rounds.map((r) => r.key);
    const questionKeys = template.questions.map((q) => q.key);

    it('has weights that sum to 100, each > 0', () => {
      expect(sumWeights(template.dimensions.map((d) => d.weight))).toBe(100);
      for (const d of template.dimensions) expect(d.weight).toBeGreaterThan(0);
    });

    it('has a rubric anchor for each of the 4 rating levels on every dimension', () => {
      for (const d of template.dimensions) {
        expect(Object.keys(d.rubric).sort()).toEqual(['1', '2', '3', '4']);
        for (const anchor of Object.values(d.rubric)) expect(anchor.trim().length).toBeGreaterThan(10);
      }
    });

    it('has unique keys and unique dimension names (case-insensitive)', () => {
      for (const keys of [dimensionKeys, roundKeys, questionKeys]) expect(new Set(keys).size).toBe(keys.length);
      const names = template.dimensions.map((d) => d.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
    });

    it('gives every round a valid kind, a duration the API accepts, at least one focus and at least one question', () => {
      for (const r of template.rounds) {
        expect(ROUND_KINDS).toContain(r.kind);
        expect(r.durationMinutes).toBeGreaterThanOrEqual(MIN_ROUND_MINUTES);
        expect(r.durationMinutes).toBeLessThanOrEqual(MAX_ROUND_MINUTES);
        expect(r.focus.length).toBeGreaterThan(0);
        expect(r.questions.length).toBeGreaterThan(0);
      }
    });

    it('only refers to keys it defines', () => {
      for (const r of template.rounds) {
        for (const key of r.focus) expect(dimensionKeys).toContain(key);
        for (const key of r.questions) expect(questionKeys).toContain(key);
      }
      for (const q of template.questions) for (const key of q.dimensions) expect(dimensionKeys).toContain(key);
      for (const f of template.focusAreas) for (const key of f.roundKeys) expect(roundKeys).toContain(key);
    });

    it('uses every question in some round, each with assessment points, pitfalls and follow-ups', () => {
      const used = new Set(template.rounds.flatMap((r) => r.questions));
      for (const q of template.questions) {
        expect(used.has(q.key)).toBe(true);
        expect(q.pointsOfAssessment.length).toBeGreaterThan(0);
        expect(q.pitfalls.length).toBeGreaterThan(0);
        expect(q.followUps.length).toBeGreaterThan(0);
        expect(q.dimensions.length).toBeGreaterThan(0);
      }
    });

    it('is ready to open once a hiring manager is set, with no warnings (every dimension in ≥ 2 rounds)', () => {
      const readiness = assessLoopReadiness({
        hiringManagerId: 'hm',
        dimensions: template.dimensions.map((d) => ({ id: d.key, name: d.name, weight: d.weight })),
        rounds: template.rounds.map((r) => ({ id: r.key, name: r.name, focusDimensionIds: r.focus })),
      });
      expect(readiness.errors).toEqual([]);
      expect(readiness.warnings).toEqual([]);
      expect(readiness.canOpen).toBe(true);
    });

    it('has a valid hire policy', () => {
      expect(validateHirePolicy(mergeHirePolicy({ ...DEFAULT_HIRE_POLICY }, template.hirePolicy))).toEqual([]);
    });

    it('fits the request limits of the API (names, signals, text lengths)', () => {
      for (const d of template.dimensions) {
        expect(d.name.length).toBeLessThanOrEqual(120);
        expect(d.description.length).toBeLessThanOrEqual(2000);
        for (const list of [d.signals.strong, d.signals.weak, d.signals.redFlags]) {
          expect(list.length).toBeLessThanOrEqual(30);
          for (const s of list) expect(s.length).toBeLessThanOrEqual(500);
        }
      }
      for (const r of template.rounds) expect(r.name.length).toBeLessThanOrEqual(120);
      for (const q of template.questions) {
        expect(q.prompt.length).toBeLessThanOrEqual(4000);
        for (const tag of q.tags) expect(tag).toMatch(/^[a-z0-9][a-z0-9 _.:/+#-]*$/);
      }
    });
  });

  it('senior applied scientist: the blueprint’s seven dimensions with their weights, and the five things a senior loop tests', () => {
    const t = findRoleTemplate('senior-applied-scientist')!;
    expect(t.dimensions.map((d) => [d.name, d.weight])).toEqual([
      ['Problem framing & metrics', 15],
      ['Modeling & evaluation depth', 20],
      ['Experimentation & statistics', 15],
      ['Production ML & MLOps', 20],
      ['Data skills', 10],
      ['Responsible AI & risk', 10],
      ['Collaboration & communication', 10],
    ]);
    expect(t.focusAreas).toHaveLength(5);
    expect(t.questions).toHaveLength(10);
    const signals = t.dimensions.flatMap((d) => [...d.signals.strong, ...d.signals.weak, ...d.signals.redFlags]);
    expect(signals.length).toBeGreaterThanOrEqual(15);
  });

  it('research scientist (ML): the guide’s ten questions and three assessments', () => {
    const t = findRoleTemplate('research-scientist-ml')!;
    expect(t.questions).toHaveLength(10);
    expect(t.focusAreas.map((f) => f.name)).toEqual([
      'Theoretical depth and clarity',
      'Applied research and problem framing',
      'Critical thinking and scientific rigor',
    ]);
  });
});
