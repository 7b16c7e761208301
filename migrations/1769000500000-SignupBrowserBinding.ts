import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sign-up's verification link proves who reads the mailbox, not who chose the password: opened by the mailbox's
 * owner for a sign-up someone else made, it would hand that person a verified account in the owner's name. The
 * browser that signed up keeps a random value in a cookie and the verification remembers its SHA-256; the link
 * completes the sign-up in that browser, and anywhere else only with the sign-up's password. Rows from before this
 * migration have none, so they need the password.
 */
export class SignupBrowserBinding1769000500000 implements MigrationInterface {
  name = 'SignupBrowserBinding1769000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signup_verifications ADD COLUMN browser_hash text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signup_verifications DROP COLUMN browser_hash`);
  }
}
