import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A revoked invitation keeps its token hash (status 'deactivated') so that its link answers "withdrawn" rather than
 * "unknown". Accepting starts from the token alone, before any organization is entered: like invited_membership, this
 * narrow SECURITY DEFINER function answers one yes/no question across organizations and nothing else.
 */
export class RevokedInvites1766000200000 implements MigrationInterface {
  name = 'RevokedInvites1766000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION revoked_invite(token_hash text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        previous text := coalesce(current_setting('app.scope', true), '');
        found boolean;
      BEGIN
        PERFORM set_config('app.scope', 'system', true);
        SELECT EXISTS (SELECT 1 FROM members m WHERE m.invite_token_hash = token_hash AND m.status = 'deactivated') INTO found;
        PERFORM set_config('app.scope', previous, true);
        RETURN found;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION revoked_invite(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION revoked_invite(text) TO hireloop_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION revoked_invite(text)`);
  }
}
