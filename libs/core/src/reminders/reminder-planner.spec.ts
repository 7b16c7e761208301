import { EndedInterview, MAX_REMINDER_STEP, planReminders, ReminderSettings, reminderStep } from './reminder-planner';

const H = 3600 * 1000;
const D = 24 * H;
const NOW = new Date('2025-03-10T12:00:00.000Z');
const DEFAULTS: ReminderSettings = { reminderAfterHours: 24, escalateAfterDays: 3 };

function interview(overrides: Partial<EndedInterview> & { endedHoursAgo: number }): EndedInterview {
  const { endedHoursAgo, ...rest } = overrides;
  return {
    interviewId: 'iv-1',
    organizationId: 'org-1',
    applicationId: 'app-1',
    roleId: 'role-1',
    roleTitle: 'Backend Engineer',
    endsAt: new Date(NOW.getTime() - endedHoursAgo * H),
    interviewerIds: ['alice', 'bob'],
    submittedInterviewerIds: [],
    hiringManagerId: 'harper',
    ...rest,
  };
}

/** Compact view of a plan: `kind:recipient:interviewer@step`. */
function summary(interviews: EndedInterview[], settings: ReminderSettings | Record<string, ReminderSettings> = DEFAULTS, now = NOW): string[] {
  const settingsFor = (org: string) =>
    'reminderAfterHours' in settings ? (settings as ReminderSettings) : (settings as Record<string, ReminderSettings>)[org];
  return planReminders(interviews, now, settingsFor)
    .map((p) => `${p.kind === 'feedback_reminder' ? 'remind' : 'escalate'}:${p.recipientMemberId}:${p.interviewerId}@${p.step}`)
    .sort();
}

describe('reminderStep', () => {
  it.each`
    endedHoursAgo                        | settings                                           | step
    ${0}                                 | ${DEFAULTS}                                        | ${null}
    ${23.99}                             | ${DEFAULTS}                                        | ${null}
    ${24}                                | ${DEFAULTS}                                        | ${0}
    ${47.99}                             | ${DEFAULTS}                                        | ${0}
    ${48}                                | ${DEFAULTS}                                        | ${1}
    ${24 + 3 * 24 + 5}                   | ${DEFAULTS}                                        | ${3}
    ${2}                                 | ${{ reminderAfterHours: 1, escalateAfterDays: 3 }} | ${0}
    ${24 + MAX_REMINDER_STEP * 24}       | ${DEFAULTS}                                        | ${MAX_REMINDER_STEP}
    ${24 + (MAX_REMINDER_STEP + 1) * 24} | ${DEFAULTS}                                        | ${null}
  `('ended $endedHoursAgo h ago with $settings.reminderAfterHours h grace → step $step', ({ endedHoursAgo, settings, step }) => {
    expect(reminderStep(new Date(NOW.getTime() - endedHoursAgo * H), NOW, settings)).toBe(step);
  });
});

describe('planReminders', () => {
  const cases: { name: string; interviews: EndedInterview[]; settings?: ReminderSettings | Record<string, ReminderSettings>; expected: string[] }[] =
    [
      { name: 'nothing before the grace period ends', interviews: [interview({ endedHoursAgo: 10 })], expected: [] },
      {
        name: 'one reminder per missing interviewer once due (step 0)',
        interviews: [interview({ endedHoursAgo: 25 })],
        expected: ['remind:alice:alice@0', 'remind:bob:bob@0'],
      },
      {
        name: 'a submitted scorecard silences its interviewer only',
        interviews: [interview({ endedHoursAgo: 25, submittedInterviewerIds: ['alice'] })],
        expected: ['remind:bob:bob@0'],
      },
      {
        name: 'everyone submitted: nothing',
        interviews: [interview({ endedHoursAgo: 90, submittedInterviewerIds: ['alice', 'bob'] })],
        expected: [],
      },
      {
        name: 'daily step before the escalation threshold',
        interviews: [interview({ endedHoursAgo: 24 + 2 * 24 + 1, interviewerIds: ['alice'] })],
        expected: ['remind:alice:alice@2'],
      },
      {
        name: 'escalates to the hiring manager from escalateAfterDays on',
        interviews: [interview({ endedHoursAgo: 24 + 3 * 24 + 1, interviewerIds: ['alice'] })],
        expected: ['escalate:harper:alice@3', 'remind:alice:alice@3'],
      },
      {
        name: 'escalation keeps going daily while the scorecard is missing',
        interviews: [interview({ endedHoursAgo: 24 + 5 * 24, interviewerIds: ['alice', 'bob'], submittedInterviewerIds: ['bob'] })],
        expected: ['escalate:harper:alice@5', 'remind:alice:alice@5'],
      },
      {
        name: 'no hiring manager: reminders only',
        interviews: [interview({ endedHoursAgo: 24 + 4 * 24, interviewerIds: ['alice'], hiringManagerId: null })],
        expected: ['remind:alice:alice@4'],
      },
      {
        name: 'the hiring manager is not told about themself',
        interviews: [interview({ endedHoursAgo: 24 + 4 * 24, interviewerIds: ['harper', 'alice'] })],
        expected: ['escalate:harper:alice@4', 'remind:alice:alice@4', 'remind:harper:harper@4'],
      },
      {
        name: 'a repeated interviewer id is reminded once',
        interviews: [interview({ endedHoursAgo: 30, interviewerIds: ['alice', 'alice'] })],
        expected: ['remind:alice:alice@0'],
      },
      {
        name: 'reminders stop after the last step',
        interviews: [interview({ endedHoursAgo: 24 + (MAX_REMINDER_STEP + 1) * 24 + 1 })],
        expected: [],
      },
      {
        name: 'escalateAfterDays 1 escalates on the second day',
        interviews: [interview({ endedHoursAgo: 24 + 24 + 1, interviewerIds: ['bob'] })],
        settings: { reminderAfterHours: 24, escalateAfterDays: 1 },
        expected: ['escalate:harper:bob@1', 'remind:bob:bob@1'],
      },
      {
        name: 'each organization uses its own settings',
        interviews: [
          interview({ interviewId: 'iv-a', organizationId: 'fast', endedHoursAgo: 3, interviewerIds: ['alice'] }),
          interview({ interviewId: 'iv-b', organizationId: 'slow', endedHoursAgo: 3, interviewerIds: ['bob'] }),
          interview({ interviewId: 'iv-c', organizationId: 'slow', endedHoursAgo: 72 + 24, interviewerIds: ['carol'] }),
        ],
        settings: { fast: { reminderAfterHours: 2, escalateAfterDays: 3 }, slow: { reminderAfterHours: 72, escalateAfterDays: 1 } },
        expected: ['escalate:harper:carol@1', 'remind:alice:alice@0', 'remind:carol:carol@1'],
      },
    ];

  it.each(cases)('$name', ({ interviews, settings, expected }) => {
    expect(summary(interviews, settings)).toEqual(expected);
  });

  it('is a function of now: the same interview moves one step per day', () => {
    const iv = interview({ endedHoursAgo: 24, interviewerIds: ['alice'] });
    const steps = [0, 1, 2, 3].map((day) => summary([iv], DEFAULTS, new Date(NOW.getTime() + day * D)));
    expect(steps).toEqual([
      ['remind:alice:alice@0'],
      ['remind:alice:alice@1'],
      ['remind:alice:alice@2'],
      ['escalate:harper:alice@3', 'remind:alice:alice@3'],
    ]);
  });

  it('carries the due date and days overdue in the payload', () => {
    const [planned] = planReminders([interview({ endedHoursAgo: 50, interviewerIds: ['alice'] })], NOW, () => DEFAULTS);
    expect(planned.payload).toEqual({
      applicationId: 'app-1',
      roleId: 'role-1',
      roleTitle: 'Backend Engineer',
      interviewEndedAt: new Date(NOW.getTime() - 50 * H).toISOString(),
      dueAt: new Date(NOW.getTime() - 26 * H).toISOString(),
      daysOverdue: 1,
    });
  });
});
