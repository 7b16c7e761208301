import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { resolveWebhookTarget, WebhookPolicy, webhookPolicy, WebhookTargetError } from '../notifications/webhook-target';
import { OrganizationEntity, organizationSettings } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';

/** An organization's edit: absent fields stay, null removes the webhook (UpdateOrganizationRequestDto satisfies it). */
export interface UpdateOrganizationInput {
  name?: string;
  minEvidenceLength?: number;
  reminderAfterHours?: number;
  escalateAfterDays?: number;
  webhookUrl?: string | null;
  webhookSecret?: string | null;
}

/** The shape the API returns (OrganizationSettingsResponseDto mirrors it); the webhook secret is never returned. */
export interface OrganizationSettingsView {
  id: string;
  name: string;
  minEvidenceLength: number;
  reminderAfterHours: number;
  escalateAfterDays: number;
  webhookUrl: string | null;
  webhookSecretSet: boolean;
}

@Injectable()
export class OrganizationsService {
  private readonly webhooks: WebhookPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.webhooks = webhookPolicy(config);
  }

  async get(auth: AuthContext): Promise<OrganizationSettingsView> {
    const org = await this.organizations.findById(auth.organizationId);
    return toResponse(org);
  }

  async update(auth: AuthContext, dto: UpdateOrganizationInput): Promise<OrganizationSettingsView> {
    if (typeof dto.webhookUrl === 'string') {
      // Resolved now and refused when any address is not public (checked again, and pinned, at every send).
      await resolveWebhookTarget(dto.webhookUrl, this.webhooks).catch((error: unknown) => {
        if (error instanceof WebhookTargetError)
          throw AppError.invalidFields([{ field: 'webhookUrl', message: error.message, code: `webhook_${error.problem}` }]);
        throw error;
      });
    }
    await this.dataSource.transaction(async (manager) => {
      const org = await this.organizations.lockById(manager, auth.organizationId);
      const { name, ...settings } = dto;
      const next = { ...org.settings, ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) };
      await this.organizations.update(manager, org.id, { ...(name ? { name } : {}), settings: next });
      const redact = (s: typeof next) => ({ ...s, webhookSecret: s.webhookSecret ? '<set>' : null });
      await this.audit.record(manager, auth, {
        action: 'organization.updated',
        entityType: 'organization',
        entityId: org.id,
        before: { name: org.name, settings: redact(org.settings) },
        after: { name: name ?? org.name, settings: redact(next) },
      });
    });
    return this.get(auth);
  }
}

function toResponse(org: OrganizationEntity): OrganizationSettingsView {
  const s = organizationSettings(org);
  return {
    id: org.id,
    name: org.name,
    minEvidenceLength: s.minEvidenceLength,
    reminderAfterHours: s.reminderAfterHours,
    escalateAfterDays: s.escalateAfterDays,
    webhookUrl: s.webhookUrl,
    webhookSecretSet: Boolean(s.webhookSecret),
  };
}
