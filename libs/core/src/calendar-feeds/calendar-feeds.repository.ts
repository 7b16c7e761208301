import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The owner of a live feed: an active member and their organization's name. */
export interface CalendarFeedOwner {
  member_id: string;
  organization_id: string;
  name: string;
}

/** `calendar_feeds`: one token hash per member (the token itself is never stored). */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates the member's feed or replaces its token; answers when it was (re)created. */
  async upsert(organizationId: string, memberId: string, tokenHash: string): Promise<Date> {
    const [row]: { created_at: Date }[] = await this.dataSource.query(
      `INSERT INTO calendar_feeds (member_id, organization_id, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (member_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at`,
      [memberId, organizationId, tokenHash],
    );
    return new Date(row.created_at);
  }

  async remove(organizationId: string, memberId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM calendar_feeds WHERE member_id = $1 AND organization_id = $2`, [memberId, organizationId]);
  }

  /**
   * The organization of a token, before any tenant scope is set: one SECURITY DEFINER function names it (nothing
   * else), so the rest of the request can run in that organization's scope (row-level security).
   */
  async organizationOfToken(tokenHash: string): Promise<string | null> {
    const [scope]: { organization_id: string }[] = await this.dataSource.query(`SELECT organization_id FROM calendar_feed_owner($1)`, [tokenHash]);
    return scope?.organization_id ?? null;
  }

  /** The feed's owner, inside the organization's scope; null when the member is no longer active. */
  async activeOwner(tokenHash: string): Promise<CalendarFeedOwner | null> {
    const [owner]: CalendarFeedOwner[] = await this.dataSource.query(
      `SELECT f.member_id, f.organization_id, o.name FROM calendar_feeds f
         JOIN members m ON m.id = f.member_id AND m.status = 'active'
         JOIN organizations o ON o.id = f.organization_id
        WHERE f.token_hash = $1`,
      [tokenHash],
    );
    return owner ?? null;
  }
}
