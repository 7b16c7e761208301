import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A link as its candidate's form needs it (looked up by token hash, within the link's organization). */
export interface SelfIdentificationLinkRow {
  organization_id: string;
  application_id: string;
  candidate_id: string;
  expires_at: Date;
  used_at: Date | null;
  erased_at: Date | null;
  organization_name: string;
  role_title: string;
}

/**
 * The one-time self-identification links (`self_identification_links`), known by their token's SHA-256 only. The
 * answers themselves are SelfIdentificationStore's.
 */
@Injectable()
export class SelfIdentificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The application a link is asked for, with its candidate's erasure time; null when not in the organization. */
  async findApplication(
    manager: EntityManager,
    organizationId: string,
    applicationId: string,
  ): Promise<{ id: string; erased_at: Date | null } | null> {
    const [application]: { id: string; erased_at: Date | null }[] = await manager.query(
      `SELECT a.id, c.erased_at FROM applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.organization_id = $1 AND a.id = $2`,
      [organizationId, applicationId],
    );
    return application ?? null;
  }

  /** A new link, valid for `expiresInDays` from the database's now. */
  async insertLink(
    manager: EntityManager,
    link: { organizationId: string; applicationId: string; tokenHash: string; createdByMemberId: string; expiresInDays: number },
  ): Promise<{ id: string; expires_at: Date }> {
    const [row]: { id: string; expires_at: Date }[] = await manager.query(
      `INSERT INTO self_identification_links (organization_id, application_id, token_hash, created_by_member_id, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING id, expires_at`,
      [link.organizationId, link.applicationId, link.tokenHash, link.createdByMemberId, link.expiresInDays],
    );
    return row;
  }

  /** Marks the link used if it is still unused and unexpired; false when it was not (another submission won). */
  async spendLink(manager: EntityManager, organizationId: string, tokenHash: string): Promise<boolean> {
    const spent: unknown[] = await manager.query(
      `UPDATE self_identification_links SET used_at = now()
          WHERE organization_id = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [organizationId, tokenHash],
    );
    return spent.length > 0;
  }

  /**
   * The organization of the link with this token hash, before any organization scope is entered: one SECURITY
   * DEFINER function names it (and nothing else).
   */
  async linkOrganization(tokenHash: string): Promise<string | null> {
    const [scope]: { organization_id: string }[] = await this.dataSource.query(`SELECT organization_id FROM self_identification_link_owner($1)`, [
      tokenHash,
    ]);
    return scope?.organization_id ?? null;
  }

  /** The link with its role's title and organization's name (within the organization's scope, row-level security). */
  async findLink(organizationId: string, tokenHash: string): Promise<SelfIdentificationLinkRow | null> {
    const [link]: SelfIdentificationLinkRow[] = await this.dataSource.query(
      `SELECT l.organization_id, l.application_id, a.candidate_id, l.expires_at, l.used_at, c.erased_at, o.name AS organization_name, r.title AS role_title
         FROM self_identification_links l
         JOIN applications a ON a.id = l.application_id
         JOIN candidates c ON c.id = a.candidate_id
         JOIN roles r ON r.id = a.role_id
         JOIN organizations o ON o.id = l.organization_id
        WHERE l.organization_id = $1 AND l.token_hash = $2`,
      [organizationId, tokenHash],
    );
    return link ?? null;
  }
}
