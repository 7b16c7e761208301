import type { MemberRole } from '../common/member-role';
import { canReadApplication, FeedbackAccess, feedbackAccess } from './feedback-access';

const ME = 'me';
const viewer = (roles: MemberRole[], over: { hm?: string | null; onPanel?: boolean; submittedOwn?: boolean } = {}) => ({
  auth: { memberId: ME, roles },
  hiringManagerId: over.hm === undefined ? 'someone-else' : over.hm,
  onPanel: over.onPanel ?? false,
  submittedOwn: over.submittedOwn ?? false,
});

describe('feedbackAccess', () => {
  const cases: { name: string; viewer: ReturnType<typeof viewer>; expected: FeedbackAccess }[] = [
    { name: 'admin', viewer: viewer(['admin']), expected: { read: 'all', privateNotes: true } },
    { name: 'admin who is also a blind interviewer on the panel', viewer: viewer(['admin', 'interviewer'], { onPanel: true }), expected: { read: 'all', privateNotes: true } },
    { name: "the role's hiring manager", viewer: viewer(['hiring_manager'], { hm: ME }), expected: { read: 'all', privateNotes: true } },
    { name: 'another hiring manager', viewer: viewer(['hiring_manager']), expected: { read: 'none', code: 'not_on_panel' } },
    { name: 'named on the role but no longer holding hiring_manager', viewer: viewer(['interviewer'], { hm: ME }), expected: { read: 'none', code: 'not_on_panel' } },
    { name: 'recruiter', viewer: viewer(['recruiter']), expected: { read: 'all', privateNotes: false } },
    { name: 'recruiter on the panel, not yet submitted', viewer: viewer(['recruiter', 'interviewer'], { onPanel: true }), expected: { read: 'all', privateNotes: false } },
    { name: 'interviewer on the panel, not yet submitted', viewer: viewer(['interviewer'], { onPanel: true }), expected: { read: 'none', code: 'feedback_blind' } },
    { name: 'interviewer on the panel, submitted', viewer: viewer(['interviewer'], { onPanel: true, submittedOwn: true }), expected: { read: 'panel', privateNotes: false } },
    { name: 'interviewer not on the panel', viewer: viewer(['interviewer']), expected: { read: 'none', code: 'not_on_panel' } },
    { name: 'hiring manager of another role who interviewed and submitted', viewer: viewer(['hiring_manager', 'interviewer'], { onPanel: true, submittedOwn: true }), expected: { read: 'panel', privateNotes: false } },
    { name: 'role without a hiring manager', viewer: viewer(['hiring_manager'], { hm: null }), expected: { read: 'none', code: 'not_on_panel' } },
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
