import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Event keys of the self-identification link mails of candidate $2 in organization $1. */
const SELF_IDENTIFICATION_MAILS = `SELECT 'self-identification:' || l.id FROM self_identification_links l JOIN applications a ON a.id = l.application_id
                    WHERE l.organization_id = $1 AND a.organization_id = $1 AND a.candidate_id = $2`;

/** One row of `email_deliveries` to store; the values are final (address normalized, name cleaned). */
export interface EmailDeliveryValues {
  organizationId: string | null;
  eventKey: string;
  template: string;
  recipientEmail: string;
  recipientName: string;
  recipientMemberId: string | null;
  essential: boolean;
  params: Record<string, unknown>;
}

export interface MemberAddress {
  id: string;
  email: string;
  name: string;
}

/**
 * `email_deliveries` as writers use it in their own transaction: storing requested emails (EmailRequests) with the
 * reads those emails need, and the candidate erasure's rewrites. Holds no connection: every method takes the caller's
 * manager, so EmailRequests works outside Nest as well. The worker's and admins' side: EmailDeliveriesRepository.
 */
@Injectable()
export class EmailRequestsRepository {
  /** Stores the deliveries; one already stored for the same event and address is left alone. Returns those created. */
  insertDeliveries(manager: EntityManager, rows: EmailDeliveryValues[]): Promise<{ id: string; organization_id: string | null }[]> {
    return manager.query(
      `INSERT INTO email_deliveries (organization_id, event_key, template, recipient_email, recipient_name, recipient_member_id, essential, params)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::boolean[], $8::jsonb[])
     ON CONFLICT ON CONSTRAINT email_deliveries_once_key DO NOTHING
     RETURNING id, organization_id`,
      [
        rows.map((r) => r.organizationId),
        rows.map((r) => r.eventKey),
        rows.map((r) => r.template),
        rows.map((r) => r.recipientEmail),
        rows.map((r) => r.recipientName),
        rows.map((r) => r.recipientMemberId),
        rows.map((r) => r.essential),
        rows.map((r) => JSON.stringify(r.params)),
      ],
    );
  }

  /** Active members of the organization, by id or by role, in the order they joined. */
  activeMembers(manager: EntityManager, organizationId: string, filter: { ids: string[] } | { role: string }): Promise<MemberAddress[]> {
    const [condition, value] = 'ids' in filter ? ['m.id = ANY($2::uuid[])', filter.ids] : ['$2 = ANY(m.roles)', filter.role];
    return manager.query(
      `SELECT m.id, u.email, u.name FROM members m JOIN users u ON u.id = m.user_id
      WHERE m.organization_id = $1 AND m.status = 'active' AND ${condition} ORDER BY m.created_at, m.id`,
      [organizationId, value],
    );
  }

  /** These members (of any organization) with their address and membership status. */
  membersWithStatus(manager: EntityManager, memberIds: string[]): Promise<(MemberAddress & { status: string })[]> {
    return manager.query(`SELECT m.id, u.email, u.name, m.status FROM members m JOIN users u ON u.id = m.user_id WHERE m.id = ANY($1::uuid[])`, [
      memberIds,
    ]);
  }

  /** The interview's next calendar SEQUENCE (0 for its first invitation). */
  async nextCalendarSequence(manager: EntityManager, interviewId: string): Promise<number> {
    const [{ sequence }]: { sequence: number }[] = await manager.query(
      `INSERT INTO interview_calendar_sequences (interview_id, sequence) VALUES ($1, 0)
       ON CONFLICT (interview_id) DO UPDATE SET sequence = interview_calendar_sequences.sequence + 1
       RETURNING sequence`,
      [interviewId],
    );
    return sequence;
  }

  /** The application's candidate (name and address) and role title; null if there is no such application. */
  async applicationCandidate(
    manager: EntityManager,
    organizationId: string,
    applicationId: string,
  ): Promise<{ candidate_name: string; candidate_email: string; role_title: string } | null> {
    const [app]: { candidate_name: string; candidate_email: string; role_title: string }[] = await manager.query(
      `SELECT c.name AS candidate_name, c.email AS candidate_email, r.title AS role_title
         FROM applications a JOIN candidates c ON c.id = a.candidate_id JOIN roles r ON r.id = a.role_id
        WHERE a.organization_id = $1 AND a.id = $2`,
      [organizationId, applicationId],
    );
    return app ?? null;
  }

  /** The application's candidate name and role title; null if there is no such application. */
  async applicationNames(
    manager: EntityManager,
    organizationId: string,
    applicationId: string,
  ): Promise<{ candidate_name: string; role_title: string } | null> {
    const [app]: { candidate_name: string; role_title: string }[] = await manager.query(
      `SELECT c.name AS candidate_name, r.title AS role_title FROM applications a JOIN candidates c ON c.id = a.candidate_id JOIN roles r ON r.id = a.role_id
        WHERE a.organization_id = $1 AND a.id = $2`,
      [organizationId, applicationId],
    );
    return app ?? null;
  }

  /** The organization's e-mails that still hold template parameters (not sent yet), locked for rewriting (erasure). */
  lockEmailParams(manager: EntityManager, organizationId: string): Promise<{ id: string; params: unknown }[]> {
    return manager.query(`SELECT id, params FROM email_deliveries WHERE organization_id = $1 AND params <> '{}'::jsonb ORDER BY id FOR UPDATE`, [
      organizationId,
    ]);
  }

  async replaceEmailParams(manager: EntityManager, organizationId: string, deliveryId: string, params: unknown): Promise<void> {
    await manager.query(`UPDATE email_deliveries SET params = $3::jsonb, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      deliveryId,
      JSON.stringify(params),
    ]);
  }

  /** The candidate's self-identification link mails not sent yet (pending or sending), deleted. Returns how many. */
  async deleteUnsentSelfIdentificationMail(manager: EntityManager, organizationId: string, candidateId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH gone AS (DELETE FROM email_deliveries WHERE organization_id = $1 AND status IN ('pending', 'sending') AND event_key IN (${SELF_IDENTIFICATION_MAILS}) RETURNING id)
       SELECT count(*)::int AS n FROM gone`,
      [organizationId, candidateId],
    );
    return n;
  }

  /** The candidate's remaining self-identification link mails get the placeholder address and name, and no parameters. */
  async anonymizeSelfIdentificationMail(
    manager: EntityManager,
    organizationId: string,
    candidateId: string,
    placeholder: { email: string; name: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE email_deliveries SET recipient_email = $3, recipient_name = $4, params = '{}'::jsonb, updated_at = now()
        WHERE organization_id = $1 AND event_key IN (${SELF_IDENTIFICATION_MAILS})`,
      [organizationId, candidateId, placeholder.email, placeholder.name],
    );
  }
}
