import { adverseImpactAudit, type AuditApplication, type AuditScorecard } from './audit';

/** `count` applications of a group with the given stage outcomes and dimension means. */
function apps(
  prefix: string,
  categories: Record<string, string | null>,
  count: number,
  outcome: (i: number) => Partial<AuditApplication>,
): AuditApplication[] {
  return Array.from({ length: count }, (_, i) => ({
    applicationId: `${prefix}-${i}`,
    categories,
    interviewed: true,
    reportHire: false,
    decisionHire: false,
    dimensionMeans: {},
    ...outcome(i),
  }));
}

describe('adverseImpactAudit', () => {
  it('rates each stage against its own pool: applicants for "interviewed", the interviewed for the hire stages', () => {
    const applications = [
      // 10 women: 8 interviewed, 4 of them recommended, 2 hired.
      ...apps('f', { sex: 'female' }, 10, (i) => ({ interviewed: i < 8, reportHire: i < 4, decisionHire: i < 2 })),
      // 10 men: 10 interviewed, 5 recommended, 5 hired.
      ...apps('m', { sex: 'male' }, 10, (i) => ({ reportHire: i < 5, decisionHire: i < 5 })),
      ...apps('u', { sex: null }, 3, () => ({})),
    ];
    const audit = adverseImpactAudit(applications, [], ['sex'], []);
    const female = (stage: string) => audit.stages.find((s) => s.stage === stage)!.groups.find((g) => g.group === 'female')!;
    expect(female('interviewed')).toMatchObject({ total: 10, selected: 8, selectionRate: 0.8, impactRatio: 0.8, fourFifthsFlag: false });
    expect(female('report_hire')).toMatchObject({ total: 8, selected: 4, selectionRate: 0.5, impactRatio: 1 });
    expect(female('decision_hire')).toMatchObject({ total: 8, selected: 2, selectionRate: 0.25, impactRatio: 0.5, fourFifthsFlag: true });
    expect(audit.stages.find((s) => s.stage === 'decision_hire')!.unknown).toEqual({ total: 3, selected: 0 });
  });

  it('Cohen’s d per dimension against everyone else with a known category; suppressed under 5', () => {
    const applications = [
      ...apps('f', { sex: 'female' }, 6, (i) => ({ dimensionMeans: { Coding: [2, 3, 3, 2, 3, 2][i], Design: 3 } })),
      ...apps('m', { sex: 'male' }, 6, (i) => ({ dimensionMeans: { Coding: [3, 4, 4, 3, 4, 3][i] } })),
      ...apps('x', { sex: 'x' }, 2, () => ({ dimensionMeans: { Coding: 4 } })),
    ];
    const audit = adverseImpactAudit(applications, [], ['sex'], []);
    const coding = audit.dimensions.filter((d) => d.dimension === 'Coding');
    const female = coding.find((d) => d.group === 'female')!;
    // Women 2.5 (SD 0.548) against men and x together (3.5, 3.75 … ) : a large negative d whose interval excludes 0.
    expect(female.n).toBe(6);
    expect(female.nOthers).toBe(8);
    expect(female.d!).toBeLessThan(-1.5);
    expect(female.high!).toBeLessThan(0);
    expect(coding.find((d) => d.group === 'x')).toMatchObject({ suppressed: true, d: null });
    // Design: only women rated it: the others are fewer than 5.
    expect(audit.dimensions.find((d) => d.dimension === 'Design' && d.group === 'female')).toMatchObject({ suppressed: true, d: null });
  });

  it('flags an interviewer gap only with ≥ 20 scorecards and an interval that excludes zero', () => {
    const applications = [...apps('f', { sex: 'female' }, 12, () => ({})), ...apps('m', { sex: 'male' }, 12, () => ({}))];
    const cards = (interviewerId: string, count: number, gap: number): AuditScorecard[] =>
      applications
        .slice(0, 12)
        .slice(0, count / 2)
        .map((a, i) => ({ applicationId: a.applicationId, interviewerId, meanRating: 2.5 + (i % 2) * 0.5 }))
        .concat(
          applications
            .slice(12)
            .slice(0, count / 2)
            .map((a, i) => ({ applicationId: a.applicationId, interviewerId, meanRating: 2.5 + gap + (i % 2) * 0.5 })),
        );
    const audit = adverseImpactAudit(applications, [...cards('strict', 24, 1), ...cards('few', 18, 1), ...cards('fair', 24, 0)], ['sex'], []);
    const gap = (id: string) => audit.interviewers.find((g) => g.interviewerId === id && g.group === 'female')!;
    expect(gap('strict')).toMatchObject({ n: 12, nOthers: 12, gap: -1, flagged: true });
    expect(gap('few').gap).toBe(-1);
    expect(gap('few').flagged).toBe(false); // 18 scorecards
    expect(gap('fair')).toMatchObject({ gap: 0, flagged: false });
  });
});
