import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect single sign-on per organization:
 * - `organization_sso`: the organization's provider (issuer, client id, the client secret sealed with AES-256-GCM under
 *   DATA_ENCRYPTION_KEY, never returned), the email domains it may sign in, and whether password sign-in is refused;
 * - `sso_sign_ins`: one row per started sign-in (state, nonce and PKCE verifier, bound to the browser by the hash of
 *   a cookie), consumed once by the callback, then exchanged once (by that browser, within minutes) for a session;
 * - `sso_identities`: which user a provider's subject is, per organization and issuer.
 * All three are tenant tables (row-level security).
 */
export class SingleSignOn1765000200000 implements MigrationInterface {
  name = 'SingleSignOn1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_sso (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        issuer_url text NOT NULL CHECK (length(issuer_url) <= 2000),
        client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
        client_secret_sealed bytea,
        allowed_domains text[] NOT NULL CHECK (cardinality(allowed_domains) BETWEEN 1 AND 50),
        enabled boolean NOT NULL DEFAULT true,
        enforced boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sso_sign_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        state_hash text NOT NULL UNIQUE,
        browser_hash text NOT NULL UNIQUE,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        member_id uuid REFERENCES members(id) ON DELETE CASCADE,
        handoff_expires_at timestamptz,
        exchanged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sso_sign_ins_expiry_idx ON sso_sign_ins (organization_id, expires_at)`);
    await q.query(`
      CREATE TABLE sso_identities (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, issuer, subject)
      )`);
    for (const table of ['organization_sso', 'sso_sign_ins', 'sso_identities']) {
      await q.query(`SELECT enable_tenant_isolation('${table}'::regclass)`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO hireloop_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sso_identities`);
    await q.query(`DROP TABLE sso_sign_ins`);
    await q.query(`DROP TABLE organization_sso`);
  }
}
