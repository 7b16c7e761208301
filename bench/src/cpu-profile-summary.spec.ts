import { Profile, groupOf, summarise } from './cpu-profile-summary';

/** Three functions sampled in turn: `early` for the first second, `late` after it, `(idle)` in between. */
function profile(): Profile {
  const nodes: Profile['nodes'] = [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
    { id: 2, callFrame: { functionName: 'early', url: 'file:///srv/dist/libs/core/src/scorecards/a.js', lineNumber: 9 } },
    { id: 3, callFrame: { functionName: 'late', url: 'file:///srv/node_modules/pg/lib/client.js', lineNumber: 0 } },
    { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
  ];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  const add = (id: number, count: number) => {
    for (let i = 0; i < count; i++) {
      samples.push(id);
      timeDeltas.push(100_000); // 0.1 s per sample
    }
  };
  add(2, 10); // 0.1 – 1.0 s
  add(4, 5); //  1.1 – 1.5 s
  add(3, 30); // 1.6 – 4.5 s
  return { nodes, startTime: 0, endTime: 4.5e6, samples, timeDeltas };
}

describe('cpu profile summary', () => {
  it('groups our code by folder and packages by name', () => {
    expect(groupOf('file:///srv/dist/libs/core/src/scorecards/a.js', 'f')).toBe('libs/core/scorecards');
    expect(groupOf('file:///srv/node_modules/@nestjs/core/x.js', 'f')).toBe('npm:@nestjs/core');
    expect(groupOf('node:events', 'emit')).toBe('node:internal');
    expect(groupOf('', '(garbage collector)')).toBe('(gc)');
  });

  it('shares busy time between the functions sampled over the whole profile', () => {
    const text = summarise(profile());
    expect(text).toContain('profile 4.5 s, busy (not idle) 4.0 s');
    expect(text).toMatch(/75\.0 %\s+npm:pg/);
    expect(text).toMatch(/25\.0 %\s+libs\/core\/scorecards/);
  });

  it('keeps only the samples of a window, in seconds since the profile started', () => {
    const late = summarise(profile(), 25, { fromS: 1.5 });
    expect(late).toContain('busy (not idle) 3.0 s');
    expect(late).toMatch(/100\.0 %\s+npm:pg/);
    expect(late).not.toContain('libs/core/scorecards');

    const early = summarise(profile(), 25, { toS: 1.05 });
    expect(early).toContain('profile 1.0 s, busy (not idle) 1.0 s');
    expect(early).toMatch(/100\.0 %\s+libs\/core\/scorecards/);
    expect(early).not.toContain('npm:pg');
  });
});
