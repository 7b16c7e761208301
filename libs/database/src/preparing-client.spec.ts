import { beginWithScope, isPlainBegin } from './preparing-client';

describe('beginWithScope', () => {
  const org = { organizationId: '7b316669-3388-463c-b770-1abf6f3a3add', userId: '', system: '' };

  it("sends the scope's settings with the BEGIN, at session or transaction level", () => {
    expect(beginWithScope('START TRANSACTION', undefined, org, 'session')).toBe(
      "START TRANSACTION; SET app.organization_id = '7b316669-3388-463c-b770-1abf6f3a3add'; SET app.user_id = ''; SET app.scope = ''",
    );
    expect(beginWithScope('BEGIN', [], { organizationId: '', userId: '', system: 'system' }, 'transaction')).toBe(
      "BEGIN; SET LOCAL app.organization_id = ''; SET LOCAL app.user_id = ''; SET LOCAL app.scope = 'system'",
    );
  });

  it('leaves every other statement alone', () => {
    expect(beginWithScope('SELECT 1', undefined, org, 'session')).toBeNull();
    expect(beginWithScope('COMMIT', undefined, org, 'session')).toBeNull();
    expect(beginWithScope({ text: 'BEGIN' }, undefined, org, 'session')).toBeNull();
    // A parameterised BEGIN cannot carry a second statement, nor can a text that already holds several.
    expect(beginWithScope('BEGIN', ['x'], org, 'session')).toBeNull();
    expect(beginWithScope('BEGIN; SELECT 1', undefined, org, 'session')).toBeNull();
  });

  it('never writes a value that is not a plain id into the SQL text', () => {
    expect(beginWithScope('BEGIN', undefined, { ...org, userId: "x'; DROP TABLE users; --" }, 'session')).toBeNull();
    expect(beginWithScope('BEGIN', undefined, { ...org, organizationId: 'a b' }, 'transaction')).toBeNull();
  });
});

describe('isPlainBegin', () => {
  it('is a BEGIN or START TRANSACTION alone: no second statement behind it, no parameters', () => {
    expect(isPlainBegin('BEGIN', undefined)).toBe(true);
    expect(isPlainBegin('  start transaction', [])).toBe(true);
    // A BEGIN with more behind it wants the answers of what follows: it is never answered at once.
    expect(isPlainBegin('BEGIN; SELECT 1', undefined)).toBe(false);
    expect(isPlainBegin('BEGIN', ['x'])).toBe(false);
    expect(isPlainBegin('SELECT 1', undefined)).toBe(false);
    expect(isPlainBegin({ text: 'BEGIN' }, undefined)).toBe(false);
  });
});
