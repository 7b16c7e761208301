import {
  CANDIDATE_PLACEHOLDER,
  candidateRedactor,
  candidateTerms,
  erasedCandidateEmail,
  ERASED_TEXT,
  eraseFreeTextDeep,
  redactCandidate,
  redactCandidateDeep,
} from './candidate-redaction';

describe('candidateTerms', () => {
  const cases: [name: string, email: string | null, expected: string[]][] = [
    ['Jane Doe', null, ['Jane Doe', 'Jane', 'Doe']],
    ['  Jane   Doe ', 'jane.doe@example.com', ['jane.doe@example.com', 'Jane Doe', 'jane.doe', 'Jane', 'Doe']],
    ['Li Wu', null, ['Li Wu']],
    ['Mary-Jane O’Neil', null, ['Mary-Jane O’Neil', 'Mary-Jane', 'O’Neil', 'Jane', 'Mary', 'Neil']],
    ['Bo', 'bo@x.io', ['bo@x.io']],
    ['Dr. José Ñúñez', null, ['Dr. José Ñúñez', 'Ñúñez', 'José']],
  ];
  it.each(cases)('%s <%s>', (name, email, expected) => {
    expect(candidateTerms(name, email)).toEqual(expected);
  });
});

describe('redactCandidate', () => {
  const terms = candidateTerms('Jane Doe', 'jane.doe@example.com');
  const cases: [text: string, expected: string][] = [
    ['Jane Doe explained the design.', '[candidate] explained the design.'],
    ["JANE's approach was clean; doe pushed back.", "[candidate]'s approach was clean; [candidate] pushed back."],
    ['Email jane.doe@example.com for follow-up.', 'Email [candidate] for follow-up.'],
    ['Janet and Doherty are other people.', 'Janet and Doherty are other people.'],
    ['No names here at all.', 'No names here at all.'],
    ['jane doe, Jane-Doe and Jane\nDoe', '[candidate], [candidate]-[candidate] and [candidate]\n[candidate]'],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(redactCandidate(text, terms)).toBe(expected);
  });

  it('treats regular-expression characters in names literally', () => {
    expect(redactCandidate('Ask A.B.C. (Ann) about it; ABCD stays.', candidateTerms('A.B.C. (Ann)'))).toBe('Ask [candidate] about it; ABCD stays.');
  });

  it('handles hyphens, apostrophes and email punctuation in names', () => {
    const terms = candidateTerms('Mary-Jane O’Neil', 'mary-jane.o-neil+jobs@example.co.uk');
    expect(redactCandidate('Mary-Jane was great; O’Neil too. Mail mary-jane.o-neil+jobs@example.co.uk. Neil agreed with Mary.', terms)).toBe(
      '[candidate] was great; [candidate] too. Mail [candidate]. [candidate] agreed with [candidate].',
    );
  });

  it('leaves text unchanged when there is nothing to match', () => {
    expect(redactCandidate('Li did well', candidateTerms('Li'))).toBe('Li did well');
  });

  it('masks many texts alike with one redactor (its global pattern keeps no position between texts)', () => {
    const mask = candidateRedactor(terms);
    for (const [text, expected] of cases) expect(mask(text)).toBe(expected);
    expect(mask('Jane Doe twice: Jane Doe')).toBe('[candidate] twice: [candidate]');
  });
});

describe('redactCandidateDeep', () => {
  it('redacts every string value at any depth and leaves keys, numbers and nulls alone', () => {
    const terms = candidateTerms('Jane Doe');
    const input = { Jane: 'Jane', n: 3, none: null, ok: true, list: ['Doe did well', { evidence: 'ask jane', rating: 4 }] };
    expect(redactCandidateDeep(input, terms)).toEqual({
      Jane: '[candidate]',
      n: 3,
      none: null,
      ok: true,
      list: ['[candidate] did well', { evidence: 'ask [candidate]', rating: 4 }],
    });
    expect(input.list[0]).toBe('Doe did well');
  });
});

describe('erasedCandidateEmail', () => {
  it('is unique per candidate and lower-case', () => {
    expect(erasedCandidateEmail('0b7c7f9e-1111-4a4a-9999-000000000001')).toBe('erased+0b7c7f9e-1111-4a4a-9999-000000000001@invalid.hireloop');
  });
});

describe('eraseFreeTextDeep', () => {
  const terms = candidateTerms('Jane Doe', 'jane@example.org');
  it.each([
    [
      'free-text fields become the placeholder',
      { ratings: [{ evidence: 'great work', rating: 3 }], privateNote: 'x', reason: null },
      { ratings: [{ evidence: ERASED_TEXT, rating: 3 }], privateNote: ERASED_TEXT, reason: null },
    ],
    [
      'the name is masked in other strings',
      { title: 'Call with Jane', history: [{ content: { ratings: [{ notAssessedReason: 'left' }] } }] },
      { title: 'Call with [candidate]', history: [{ content: { ratings: [{ notAssessedReason: ERASED_TEXT }] } }] },
    ],
    ['ids, numbers and enums stay', { id: 'abc', status: 'submitted', revision: 2 }, { id: 'abc', status: 'submitted', revision: 2 }],
  ])('%s', (_name, value, expected) => {
    expect(eraseFreeTextDeep(value, terms)).toEqual(expected);
  });
});

describe('candidateRedactor against the whole-word pattern it replaces', () => {
  /** The pattern the redactor stood for until it became too slow to compile per candidate: the oracle. */
  function byPattern(text: string, terms: string[]): string {
    if (terms.length === 0) return text;
    const alternatives = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu'), CANDIDATE_PLACEHOLDER);
  }

  /** mulberry32: a seeded generator, so a failure can be replayed. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Names whose tokens overlap ("Ann" in "Anna", "Ann-Marie"), non-ASCII letters, case-folding oddities (ſ folds to s,
  // the Kelvin sign to k), a letter outside the BMP (𝐀), an emoji (not a letter) beside a term, and U+0345 (a combining
  // mark, not a letter, whose case folding is one: the pattern's case-insensitive class counts it as a letter).
  const names: [string, string | null][] = [
    ['Ann Annabel', 'ann@example.com'],
    ['Anna Ann-Marie', null],
    ['Raman Raman-Iyer', 'raman.iyer@example.org'],
    ['José Ñúñez', null],
    ['Kass Søs', 'kass@x.io'],
  ];
  const pieces = [
    'ann',
    'Ann',
    'ANNA',
    'anna',
    'Annabel',
    'Ann-Marie',
    'marie',
    'Raman',
    'raman-iyer',
    'Iyer',
    'IYERS',
    'raman.iyer@example.org',
    'ann@example.com',
    'José',
    'JOSÉ',
    'ñúñez',
    'Kass',
    'ſøs',
    '\u212Aass',
    'søs',
    'x',
    'é',
    '9',
    '𝐀',
    '😀',
    '\u0345',
    ' ',
    ' ',
    ' ',
    '-',
    "'",
    '’',
    '.',
    ',',
    '@',
    '\n',
    '_',
  ];

  it('gives the same text for 20,000 random texts (seeded), names touching letters, digits, punctuation and each other', () => {
    const next = random(20261203);
    for (let i = 0; i < 20_000; i++) {
      const [name, email] = names[Math.floor(next() * names.length)];
      const terms = candidateTerms(name, email);
      const length = 1 + Math.floor(next() * 12);
      let text = '';
      for (let j = 0; j < length; j++) text += pieces[Math.floor(next() * pieces.length)];
      expect({ text, terms, masked: candidateRedactor(terms)(text) }).toEqual({ text, terms, masked: byPattern(text, terms) });
    }
  });

  it('picks a shorter term where the longer one runs into a word, and skips a term that follows a letter', () => {
    const terms = candidateTerms('Raman Raman-Iyer');
    expect(candidateRedactor(terms)('Raman-Iyers met xRaman and Raman-Iyer.')).toBe('[candidate]-Iyers met xRaman and [candidate].');
    expect(byPattern('Raman-Iyers met xRaman and Raman-Iyer.', terms)).toBe('[candidate]-Iyers met xRaman and [candidate].');
  });

  it('treats a letter outside the BMP as a letter and an emoji as a boundary', () => {
    const terms = candidateTerms('Ann Lee');
    expect(candidateRedactor(terms)('𝐀Ann 😀Ann😀 Ann𝐀')).toBe('𝐀Ann 😀[candidate]😀 Ann𝐀');
  });
});
