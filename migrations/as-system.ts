/**
 * A data change of a migration over every organization's rows: row-level security is forced on the tenant tables, for
 * their owner too, so a migrating role that is not a superuser sees no row without the system scope. The scope is set
 * and restored within one statement (a DO block), whether or not the migration runs in a transaction.
 */
export function asSystem(statement: string): string {
  if (statement.includes('$migration$')) throw new Error('asSystem: the statement must not contain $migration$');
  return `DO $migration$
    DECLARE previous text := coalesce(current_setting('app.scope', true), '');
    BEGIN
      PERFORM set_config('app.scope', 'system', true);
      ${statement};
      PERFORM set_config('app.scope', previous, true);
    END $migration$`;
}
