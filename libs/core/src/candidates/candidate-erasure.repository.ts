import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Event keys of the self-identification link mails of candidate $2 in organization $1. */
const SELF_IDENTIFICATION_MAILS = `SELECT 'self-identification:' || l.id FROM self_identification_links l JOIN applications a ON a.id = l.application_id
                    WHERE l.organization_id = $1 AND a.organization_id = $1 AND a.candidate_id = $2`;

/**
 * The erasure's writes to `email_deliveries` (CandidateErasureService), in the erasing transaction. They belong with
 * EmailDeliveriesRepository; they stay here until the email feature takes them.
 */
@Injectable()
export class CandidateErasureRepository {
  /** The organization's e-mails that still hold template parameters (not sent yet), locked for rewriting. */
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
