import { awaitingFeedback, disagreements, redFlagsRaised } from './debrief-assembly';

describe('debrief assembly', () => {
  const t = (h: number) => new Date(Date.UTC(2030, 0, 1, h));

  it('lists assigned interviewers without a submitted scorecard, skipping cancelled interviews', () => {
    const interviews = [
      { id: 'i2', roundId: 'r2', interviewerIds: ['c'], endsAt: t(12), status: 'scheduled' },
      { id: 'i1', roundId: 'r1', interviewerIds: ['a', 'b'], endsAt: t(10), status: 'scheduled' },
      { id: 'i3', roundId: 'r3', interviewerIds: ['d'], endsAt: t(9), status: 'cancelled' },
    ];
    const scorecards = [
      { interviewId: 'i1', interviewerId: 'a', status: 'submitted' as const },
      { interviewId: 'i1', interviewerId: 'b', status: 'draft' as const },
      { interviewId: 'i2', interviewerId: 'c', status: 'withdrawn' as const },
    ];
    expect(awaitingFeedback(interviews, scorecards)).toEqual([
      { interviewId: 'i1', roundId: 'r1', interviewerId: 'b', endsAt: t(10), scorecardStatus: 'draft' },
      { interviewId: 'i2', roundId: 'r2', interviewerId: 'c', endsAt: t(12), scorecardStatus: 'withdrawn' },
    ]);
    expect(awaitingFeedback(interviews, [])).toHaveLength(3);
  });

  const cards = [
    {
      id: 's1',
      interviewerId: 'a',
      ratings: [
        { dimensionId: 'd1', rating: 4 },
        { dimensionId: 'd2', rating: 3 },
      ],
      redFlags: ['rude'],
    },
    {
      id: 's2',
      interviewerId: 'b',
      ratings: [
        { dimensionId: 'd1', rating: 1 },
        { dimensionId: 'd2', rating: null, notAssessed: true },
      ],
      redFlags: [],
    },
  ];

  it('shows the ratings behind each dimension the report flags as a disagreement', () => {
    const report = [
      { dimensionId: 'd1', name: 'Design', disagreement: true },
      { dimensionId: 'd2', name: 'Coding', disagreement: false },
    ];
    expect(disagreements(report, cards)).toEqual([
      {
        dimensionId: 'd1',
        name: 'Design',
        ratings: [
          { interviewerId: 'b', scorecardId: 's2', rating: 1 },
          { interviewerId: 'a', scorecardId: 's1', rating: 4 },
        ],
      },
    ]);
    expect(disagreements(undefined, cards)).toEqual([]);
    expect(disagreements([{ id: 'd2', name: 'Coding', disagreement: true }], cards)[0].ratings).toEqual([
      { interviewerId: 'a', scorecardId: 's1', rating: 3 },
    ]);
  });

  it('says who raised which red flag', () => {
    expect(redFlagsRaised(cards)).toEqual([{ flag: 'rude', interviewerId: 'a', scorecardId: 's1' }]);
  });
});
