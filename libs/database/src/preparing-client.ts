import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { currentScope, scopeSettings } from './tenant-context';

/** Distinct statements named process-wide; past this, further new texts run unnamed (bounds server memory). */
export const MAX_PREPARED_STATEMENTS = 500;

const names = new Map<string, string>();

/**
 * The server-side name of a parameterised statement: the same text always gets the same name, so each pooled
 * connection parses and plans it once and then only binds and executes it. Null for texts that stay unnamed:
 * without parameters (they may hold several statements, e.g. migrations) or once the cap is reached.
 */
export function preparedStatementName(text: string, values: unknown): string | null {
  if (!Array.isArray(values) || values.length === 0) return null;
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_PREPARED_STATEMENTS) return null;
  const name = `hl_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  names.set(text, name);
  return name;
}

const BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
/** Values that may be written into a SET command as they are (uuids, '' and 'system'); anything else is sent as a parameter. */
const PLAIN_SCOPE_VALUE = /^[0-9A-Za-z-]*$/;

/** A transaction's BEGIN alone: one statement of plain text, without parameters. */
export function isPlainBegin(config: unknown, values: unknown): config is string {
  if (typeof config !== 'string' || !BEGIN.test(config) || config.includes(';')) return false;
  return values === undefined || (Array.isArray(values) && values.length === 0);
}

/**
 * The text of a transaction's BEGIN followed by the scope's settings, sent as one simple query (one round trip instead
 * of two): `SET` takes no snapshot, so a `SET TRANSACTION ISOLATION LEVEL` may still follow. Null when the statement
 * is not a plain-text BEGIN or a value is not plain.
 */
export function beginWithScope(
  config: unknown,
  values: unknown,
  scope: { organizationId: string; userId: string; system: string },
  level: 'session' | 'transaction',
): string | null {
  if (!isPlainBegin(config, values)) return null;
  const settings: [string, string][] = [
    ['app.organization_id', scope.organizationId],
    ['app.user_id', scope.userId],
    ['app.scope', scope.system],
  ];
  if (!settings.every(([, value]) => PLAIN_SCOPE_VALUE.test(value))) return null;
  const set = level === 'session' ? 'SET' : 'SET LOCAL';
  return [config, ...settings.map(([name, value]) => `${set} ${name} = '${value}'`)].join('; ');
}

const SET_SCOPE = `SELECT set_config('app.organization_id', $1, false), set_config('app.user_id', $2, false), set_config('app.scope', $3, false)`;
const UNKNOWN = '?';

/** What a BEGIN answers (pg's result for the command); given at once to the caller of a BEGIN held for its first statement. */
const BEGIN_ANSWER = Object.freeze({ command: 'BEGIN', rowCount: null, oid: null, rows: Object.freeze([]), fields: Object.freeze([]) });

/** The parts of node-postgres's client that holding a BEGIN relies on (pg 8: public `connection`, `pipeline`; internal state flags). */
interface ClientInternals {
  pipeline?: boolean;
  _connected?: boolean;
  _queryable?: boolean;
  _ending?: boolean;
  connection?: { stream?: { cork?: () => void; uncork?: () => void } };
}

/**
 * A pg client that carries the tenant scope (row-level security): before a statement, when the connection's settings
 * differ from the scope of the code sending it (AsyncLocalStorage), it queues one `set_config` call ahead of it on the
 * same connection (session level, so it holds across the statements of a transaction and is re-checked on every
 * statement: a pooled connection never serves one tenant's statement under another's setting); a transaction's BEGIN
 * carries the settings in the same round trip (`beginWithScope`). Costs nothing while a
 * connection keeps serving the same scope; a ROLLBACK (which may undo a setting made inside the transaction) makes
 * the next statement set it again.
 */
export class ScopedClient extends Client {
  private appliedScope = UNKNOWN;
  /** The socket is corked: a BEGIN waits in it for the transaction's first statement. */
  private holding = false;

  /**
   * In pipeline mode a transaction's BEGIN is not a round trip of its own: it is answered at once and its message
   * waits on the corked socket, to leave in one write with the next statement (as PostgreSQL's JDBC driver does).
   * That statement cannot be sent before the BEGIN, and whatever comes next (or, at the latest, the event loop's next
   * turn) sends it. Saves one of the round trips of every transaction (a submission: 4 → 3). A BEGIN fails only when
   * the connection does, and then so does the statement that travels with it.
   */
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const holdBegin = typeof callback !== 'function' && this.canHoldBegin(config, values);
    if (holdBegin) this.holdSends();
    try {
      const result = this.scopedQuery(config, values, callback);
      if (!holdBegin) return result;
      // Its failure (the connection's) reaches the statement sent with it; never an unhandled rejection.
      (result as unknown as Promise<unknown>).catch(() => undefined);
      return Promise.resolve(BEGIN_ANSWER) as never;
    } finally {
      if (!holdBegin) this.sendHeld();
    }
  }

  private canHoldBegin(config: unknown, values: unknown): boolean {
    if (!isPlainBegin(config, values)) return false;
    const client = this as unknown as ClientInternals;
    const stream = client.connection?.stream;
    return (
      client.pipeline === true &&
      client._connected === true &&
      client._queryable !== false &&
      client._ending !== true &&
      !!stream?.cork &&
      !!stream.uncork
    );
  }

  // Not `hold`/`release`: pg-pool gives each pooled client a `release` of its own.
  private holdSends(): void {
    if (this.holding) return;
    (this as unknown as ClientInternals).connection!.stream!.cork!();
    this.holding = true;
    setImmediate(() => this.sendHeld());
  }

  private sendHeld(): void {
    if (!this.holding) return;
    this.holding = false;
    (this as unknown as ClientInternals).connection?.stream?.uncork?.();
  }

  private scopedQuery(config: unknown, values?: unknown, callback?: unknown): never {
    const wanted = scopeSettings(currentScope());
    if (wanted.key !== this.appliedScope) {
      this.appliedScope = wanted.key;
      const begin = beginWithScope(config, values, wanted, 'session');
      if (begin !== null) {
        const result = this.send(begin, values, callback) as unknown as Promise<unknown> | undefined;
        // A failed BEGIN may not have applied the settings: the next statement sets them again.
        result?.catch?.(() => {
          this.appliedScope = UNKNOWN;
        });
        return result as never;
      }
      const set = (super.query as (...args: unknown[]) => Promise<unknown>)(SET_SCOPE, [wanted.organizationId, wanted.userId, wanted.system]);
      // Its failure surfaces on the statement queued behind it (same connection); never as an unhandled rejection.
      set.catch(() => {
        this.appliedScope = UNKNOWN;
      });
    }
    const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
    if (text !== undefined && /^\s*ROLLBACK/i.test(text)) {
      const result = this.send(config, values, callback);
      this.appliedScope = UNKNOWN;
      return result;
    }
    return this.send(config, values, callback);
  }

  protected send(config: unknown, values?: unknown, callback?: unknown): never {
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

/**
 * A pg client that runs parameterised queries as named prepared statements. Measured on the debrief read, parse and
 * plan were about 70 % of PostgreSQL's time per request (the queries themselves are index lookups); TypeORM sends
 * every query unnamed, so it was parsed and planned on every call. Turn off (DATABASE_PREPARED_STATEMENTS=false)
 * behind a transaction-mode connection pooler that does not support prepared statements.
 */
export class PreparingClient extends ScopedClient {
  protected override send(config: unknown, values?: unknown, callback?: unknown): never {
    if (typeof config === 'string' && typeof values !== 'function') {
      const name = preparedStatementName(config, values);
      if (name) return super.send({ name, text: config, values }, callback);
    }
    return super.send(config, values, callback);
  }
}

const SET_SCOPE_LOCAL = `SELECT set_config('app.organization_id', $1, true), set_config('app.user_id', $2, true), set_config('app.scope', $3, true)`;
const EMPTY_SCOPE_KEY = scopeSettings(undefined).key;

/**
 * The tenant scope behind a transaction-mode pooler (DATABASE_POOLER=transaction, e.g. PgBouncer). There a client
 * connection keeps its server session only for the length of a transaction, so a session-level setting would stay
 * behind on a server session that the pooler then hands to another client (another tenant's statements under this
 * one's setting), and the next statement may run on a session that never got it. So the scope is only ever set
 * transaction-locally (`set_config(…, true)`), in the same transaction as the statements it governs:
 * - inside an explicit transaction (BEGIN / START TRANSACTION … COMMIT / ROLLBACK), with the BEGIN itself
 *   (`beginWithScope`: SET LOCAL takes no snapshot, so a SET TRANSACTION may still follow) or else before the first
 *   statement that needs it (after any SET TRANSACTION, which must come first), and again whenever the code's scope
 *   changes or a ROLLBACK TO SAVEPOINT may have undone it;
 * - a statement outside a transaction with a non-empty scope is wrapped in its own BEGIN; set_config; …; COMMIT
 *   (queued back to back on this connection: the pooler keeps one server session from BEGIN to COMMIT).
 * Nothing is ever set at session level, so a server session carries no scope between transactions (an unscoped
 * statement sees no tenant rows).
 */
export class PooledScopedClient extends Client {
  private inTransaction = false;
  /** The scope set in the current transaction (UNKNOWN: none yet, or possibly undone). */
  private appliedInTransaction = UNKNOWN;

  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const raw = (...args: unknown[]) => (super.query as (...a: unknown[]) => never)(...args);
    const quiet = (...args: unknown[]) => (raw(...args) as unknown as Promise<unknown>).catch(() => undefined);
    const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
    const wanted = scopeSettings(currentScope());
    const params = [wanted.organizationId, wanted.userId, wanted.system];
    if (text === undefined) return raw(config, values, callback);
    if (BEGIN.test(text)) {
      this.inTransaction = true;
      const begin = beginWithScope(config, values, wanted, 'transaction');
      this.appliedInTransaction = begin === null ? UNKNOWN : wanted.key;
      return raw(begin ?? config, values, callback);
    }
    if (/^\s*(COMMIT|END|ABORT)\b/i.test(text) || (/^\s*ROLLBACK\b/i.test(text) && !/^\s*ROLLBACK\s+TO\b/i.test(text))) {
      this.inTransaction = false;
      this.appliedInTransaction = UNKNOWN;
      return raw(config, values, callback);
    }
    if (this.inTransaction) {
      if (/^\s*ROLLBACK\s+TO\b/i.test(text)) {
        const result = raw(config, values, callback);
        this.appliedInTransaction = UNKNOWN;
        return result;
      }
      if (!/^\s*(SET\s+TRANSACTION|SAVEPOINT|RELEASE)\b/i.test(text) && wanted.key !== this.appliedInTransaction) {
        this.appliedInTransaction = wanted.key;
        // Its failure surfaces on the statement queued behind it (same transaction).
        void quiet(SET_SCOPE_LOCAL, params);
      }
      return raw(config, values, callback);
    }
    if (wanted.key === EMPTY_SCOPE_KEY) return raw(config, values, callback);
    void quiet('BEGIN');
    void quiet(SET_SCOPE_LOCAL, params);
    const result = raw(config, values, callback);
    void quiet('COMMIT');
    return result;
  }
}
