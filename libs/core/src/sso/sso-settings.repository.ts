import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { open, parseMasterKey, seal } from '../audit/personal-data-cipher';

export interface SsoSettings {
  organizationId: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string | null;
  allowedDomains: string[];
  enabled: boolean;
  enforced: boolean;
}

interface Row {
  organization_id: string;
  issuer_url: string;
  client_id: string;
  client_secret_sealed: Buffer | null;
  allowed_domains: string[];
  enabled: boolean;
  enforced: boolean;
}

/** `organization_sso`; the client secret is stored sealed (AES-256-GCM under DATA_ENCRYPTION_KEY, bound to the organization). */
@Injectable()
export class SsoSettingsRepository {
  private readonly key: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.key = parseMasterKey(config.DATA_ENCRYPTION_KEY);
  }

  async find(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<SsoSettings | null> {
    const [row]: Row[] = await manager.query(`SELECT * FROM organization_sso WHERE organization_id = $1`, [organizationId]);
    if (!row) return null;
    return {
      organizationId: row.organization_id,
      issuerUrl: row.issuer_url,
      clientId: row.client_id,
      clientSecret: row.client_secret_sealed ? open(this.key, row.client_secret_sealed, aad(organizationId)).toString('utf8') : null,
      allowedDomains: row.allowed_domains,
      enabled: row.enabled,
      enforced: row.enforced,
    };
  }

  async save(manager: EntityManager, s: SsoSettings): Promise<void> {
    const sealed = s.clientSecret ? seal(this.key, Buffer.from(s.clientSecret, 'utf8'), aad(s.organizationId)) : null;
    await manager.query(
      `INSERT INTO organization_sso (organization_id, issuer_url, client_id, client_secret_sealed, allowed_domains, enabled, enforced)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organization_id) DO UPDATE SET issuer_url = $2, client_id = $3, client_secret_sealed = $4, allowed_domains = $5,
             enabled = $6, enforced = $7, updated_at = now()`,
      [s.organizationId, s.issuerUrl, s.clientId, sealed, s.allowedDomains, s.enabled, s.enforced],
    );
  }

  async remove(manager: EntityManager, organizationId: string): Promise<boolean> {
    const [, count] = (await manager.query(`DELETE FROM organization_sso WHERE organization_id = $1`, [organizationId])) as [unknown, number];
    return count > 0;
  }
}

const aad = (organizationId: string) => `organization_sso:${organizationId}`;
