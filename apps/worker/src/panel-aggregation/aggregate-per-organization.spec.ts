import { aggregatePerOrganization } from './aggregate-per-organization';

describe('aggregatePerOrganization', () => {
  const ref = (organizationId: string, applicationId: string) => ({ organizationId, applicationId });

  it.each([
    ['one organization: one part', [ref('a', '1'), ref('a', '2')], [['a', ['1', '2']]]],
    [
      'two organizations interleaved: one part each, in first-seen order',
      [ref('a', '1'), ref('b', '2'), ref('a', '3')],
      [
        ['a', ['1', '3']],
        ['b', ['2']],
      ],
    ],
    ['empty batch: nothing runs', [], []],
  ])('%s', async (_name, refs, expectedParts) => {
    const parts: [string, string[]][] = [];
    const outcomes = await aggregatePerOrganization(refs, async (org, part) => {
      parts.push([org, part.map((r) => r.applicationId)]);
      return part.map((r) => `${org}:${r.applicationId}`);
    });
    expect(parts).toEqual(expectedParts);
    // Outcomes come back in the batch's order, each for its own ref.
    expect(outcomes).toEqual(refs.map((r) => `${r.organizationId}:${r.applicationId}`));
  });
});
