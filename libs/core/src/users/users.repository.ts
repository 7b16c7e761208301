import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A new account's values; `passwordHash` null: no password yet (an invitation, a single sign-on). */
export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string | null;
}

/** `users`: accounts across organizations, one per e-mail address. The one place an account is created. */
@Injectable()
export class UsersRepository {
  /**
   * The account of this address, created with these values when there is none; an existing account keeps its name
   * and password. `created` tells which, so that a caller can treat a known address differently (signup).
   */
  async findOrCreate(manager: EntityManager, account: NewAccount): Promise<{ id: string; name: string; created: boolean }> {
    const [inserted]: { id: string; name: string }[] = await manager.query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id, name`,
      [account.email, account.name, account.passwordHash],
    );
    if (inserted) return { ...inserted, created: true };
    const [existing]: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM users WHERE email = $1`, [account.email]);
    return { ...existing, created: false };
  }
}
