import type { MemberRole } from '../common/member-role';
import { canReadApplication, FeedbackAccess, feedbackAccess, PanelFactsInput, panelFactsOf, withholdBlindAuditEntries } from './feedback-access';

const ME = 'me';
const viewer = (roles: MemberRole[], over: { hm?: string | null; onPanel?: boolean; assigned?: boolean; submittedOwn?: boolean } = {}) => ({
  auth: { memberId: ME, roles },
  hiringManagerId: over.hm === undefined ? 'someone-else' : over.hm,
  onPanel: over.onPanel ?? false,
  assigned: over.assigned ?? false,
  submittedOwn: over.submittedOwn ?? false,
});

describe('feedbackAccess', () => {
  const cases: { name: string; viewer: ReturnType<typeof viewer>; expected: FeedbackAccess }[] = [
    { name: 'admin', viewer: viewer(['admin']), expected: { read: 'all', privateNotes: true } },
    {
      name: 'admin who is also a blind interviewer on the panel',
      viewer: viewer(['admin', 'interviewer'], { onPanel: true }),
      expected: { read: 'all', privateNotes: true },
    },
    { name: "the role's hiring manager", viewer: viewer(['hiring_manager'], { hm: ME }), expected: { read: 'all', privateNotes: true } },
    { name: 'another hiring manager', viewer: viewer(['hiring_manager']), expected: { read: 'none', code: 'not_on_panel' } },
    {
      name: 'named on the role but no longer holding hiring_manager',
      viewer: viewer(['interviewer'], { hm: ME }),
      expected: { read: 'none', code: 'not_on_panel' },
    },
    { name: 'recruiter', viewer: viewer(['recruiter']), expected: { read: 'all', privateNotes: false } },
    {
      name: 'recruiter on the panel, not yet submitted',
      viewer: viewer(['recruiter', 'interviewer'], { onPanel: true }),
      expected: { read: 'all', privateNotes: false },
    },
    {
      name: 'interviewer on the panel, not yet submitted',
      viewer: viewer(['interviewer'], { onPanel: true }),
      expected: { read: 'none', code: 'feedback_blind' },
    },
    {
      name: 'interviewer on the panel, submitted',
      viewer: viewer(['interviewer'], { onPanel: true, submittedOwn: true }),
      expected: { read: 'panel', privateNotes: false },
    },
    { name: 'interviewer not on the panel', viewer: viewer(['interviewer']), expected: { read: 'none', code: 'not_on_panel' } },
    {
      name: 'hiring manager of another role who interviewed and submitted',
      viewer: viewer(['hiring_manager', 'interviewer'], { onPanel: true, submittedOwn: true }),
      expected: { read: 'panel', privateNotes: false },
    },
    { name: 'role without a hiring manager', viewer: viewer(['hiring_manager'], { hm: null }), expected: { read: 'none', code: 'not_on_panel' } },
    // Blind without exceptions: assigned to a live interview and not yet submitted (with a rating) → nothing.
    {
      name: 'admin assigned to the panel, not submitted',
      viewer: viewer(['admin', 'interviewer'], { onPanel: true, assigned: true }),
      expected: { read: 'none', code: 'feedback_blind' },
    },
    {
      name: 'admin assigned, submitted',
      viewer: viewer(['admin', 'interviewer'], { onPanel: true, assigned: true, submittedOwn: true }),
      expected: { read: 'all', privateNotes: true },
    },
    {
      name: "the role's hiring manager assigned, not submitted",
      viewer: viewer(['hiring_manager', 'interviewer'], { hm: ME, onPanel: true, assigned: true }),
      expected: { read: 'none', code: 'feedback_blind' },
    },
    {
      name: "the role's hiring manager assigned, submitted",
      viewer: viewer(['hiring_manager', 'interviewer'], { hm: ME, onPanel: true, assigned: true, submittedOwn: true }),
      expected: { read: 'all', privateNotes: true },
    },
    {
      name: 'recruiter assigned, not submitted',
      viewer: viewer(['recruiter', 'interviewer'], { onPanel: true, assigned: true }),
      expected: { read: 'none', code: 'feedback_blind' },
    },
    {
      name: 'recruiter assigned, submitted',
      viewer: viewer(['recruiter', 'interviewer'], { onPanel: true, assigned: true, submittedOwn: true }),
      expected: { read: 'all', privateNotes: false },
    },
    {
      name: 'admin whose only interview was cancelled',
      viewer: viewer(['admin', 'interviewer'], { onPanel: true, assigned: false }),
      expected: { read: 'all', privateNotes: true },
    },
    {
      name: 'interviewer assigned, submitted',
      viewer: viewer(['interviewer'], { onPanel: true, assigned: true, submittedOwn: true }),
      expected: { read: 'panel', privateNotes: false },
    },
  ];
  it.each(cases)('$name', ({ viewer: v, expected }) => {
    expect(feedbackAccess(v)).toEqual(expected);
  });
});

describe('canReadApplication', () => {
  const cases: [name: string, roles: MemberRole[], hm: string | null, expected: boolean][] = [
    ['admin', ['admin'], null, true],
    ['recruiter', ['recruiter'], null, true],
    ["the role's hiring manager", ['hiring_manager'], ME, true],
    ['another hiring manager', ['hiring_manager'], 'other', false],
    ['interviewer', ['interviewer'], 'other', false],
  ];
  it.each(cases)('%s', (_name, roles, hm, expected) => {
    expect(canReadApplication({ memberId: ME, roles }, { hiringManagerId: hm })).toBe(expected);
  });
});

describe('panelFactsOf', () => {
  const iv = (id: string, interviewerIds: string[], status = 'scheduled') => ({ id, interviewerIds, status });
  const sc = (interviewId: string, status: string, ratings: { rating: number | null; notAssessed: boolean }[], interviewerId = ME) => ({
    interviewId,
    interviewerId,
    status,
    ratings,
  });
  const rated = { rating: 3, notAssessed: false };
  const notAssessed = { rating: null, notAssessed: true };
  const cases: [name: string, input: PanelFactsInput, expected: ReturnType<typeof panelFactsOf>][] = [
    ['not on the panel', { interviews: [iv('i1', ['x'])], scorecards: [] }, { onPanel: false, assigned: false, submittedOwn: false }],
    ['assigned, nothing written', { interviews: [iv('i1', [ME])], scorecards: [] }, { onPanel: true, assigned: true, submittedOwn: false }],
    [
      'assigned, draft only',
      { interviews: [iv('i1', [ME])], scorecards: [sc('i1', 'draft', [rated])] },
      { onPanel: true, assigned: true, submittedOwn: false },
    ],
    [
      'submitted with a rating',
      { interviews: [iv('i1', [ME])], scorecards: [sc('i1', 'submitted', [rated, notAssessed])] },
      { onPanel: true, assigned: true, submittedOwn: true },
    ],
    [
      'submitted, every dimension not assessed: still blind',
      { interviews: [iv('i1', [ME])], scorecards: [sc('i1', 'submitted', [notAssessed, notAssessed])] },
      { onPanel: true, assigned: true, submittedOwn: false },
    ],
    [
      'withdrawn',
      { interviews: [iv('i1', [ME])], scorecards: [sc('i1', 'withdrawn', [rated])] },
      { onPanel: true, assigned: true, submittedOwn: false },
    ],
    [
      'two interviews, one submitted',
      { interviews: [iv('i1', [ME]), iv('i2', [ME])], scorecards: [sc('i1', 'submitted', [rated])] },
      { onPanel: true, assigned: true, submittedOwn: false },
    ],
    [
      'two interviews: one rated, one all not assessed',
      { interviews: [iv('i1', [ME]), iv('i2', [ME])], scorecards: [sc('i1', 'submitted', [rated]), sc('i2', 'submitted', [notAssessed])] },
      { onPanel: true, assigned: true, submittedOwn: true },
    ],
    [
      'only interview cancelled',
      { interviews: [iv('i1', [ME], 'cancelled')], scorecards: [] },
      { onPanel: true, assigned: false, submittedOwn: false },
    ],
    [
      "a co-panelist's submission unlocks nothing",
      { interviews: [iv('i1', [ME, 'x'])], scorecards: [sc('i1', 'submitted', [rated], 'x')] },
      { onPanel: true, assigned: true, submittedOwn: false },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(panelFactsOf(ME, input)).toEqual(expected);
  });
});

describe('withholdBlindAuditEntries', () => {
  const entry = (entityType: string, applicationId: string | undefined, before: unknown = null) => ({
    entityType,
    before,
    after: { applicationId, ratings: [{ rating: 4 }] },
  });
  it('withholds scorecard entries of blind applications only', () => {
    const items = [
      entry('scorecard', 'blind'),
      entry('scorecard', 'open'),
      entry('role', 'blind'),
      entry('scorecard', 'blind', { applicationId: 'blind', ratings: [] }),
    ];
    expect(withholdBlindAuditEntries(items, new Set(['blind']))).toEqual([
      { entityType: 'scorecard', before: null, after: { applicationId: 'blind', withheld: 'feedback_blind' } },
      items[1],
      items[2],
      {
        entityType: 'scorecard',
        before: { applicationId: 'blind', withheld: 'feedback_blind' },
        after: { applicationId: 'blind', withheld: 'feedback_blind' },
      },
    ]);
    expect(withholdBlindAuditEntries(items, new Set())).toEqual(items);
  });

  it("withholds the decision recorded on a blind application (its rationale and the report's recommendation), not other application entries", () => {
    const decided = (entityId: string) => ({
      entityType: 'application',
      entityId,
      action: 'decision.recorded',
      before: { status: 'active', decidedAt: null },
      after: { decision: 'no_hire', rationale: 'Weak system design signals', reportRecommendation: 'no_hire', status: 'rejected' },
    });
    const staged = {
      entityType: 'application',
      entityId: 'blind',
      action: 'application.updated',
      before: { stage: 'applied' },
      after: { stage: 'onsite' },
    };
    const items = [decided('blind'), decided('open'), staged];
    expect(withholdBlindAuditEntries(items, new Set(['blind']))).toEqual([
      { ...items[0], before: { applicationId: 'blind', withheld: 'feedback_blind' }, after: { applicationId: 'blind', withheld: 'feedback_blind' } },
      items[1],
      staged,
    ]);
  });
});
