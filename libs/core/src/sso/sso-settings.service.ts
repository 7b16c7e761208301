import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { appLink } from '../email/email-text';
import { WebhookPolicy, webhookPolicy } from '../notifications/webhook-target';
import { discoverProvider, IssuerRefusedError } from './oidc-client';
import { normalizeDomains } from './sso-policy';
import { SsoSettings, SsoSettingsRepository } from './sso-settings.repository';

/** An organization's SSO settings, created or replaced (UpdateSsoSettingsRequestDto satisfies it). */
export interface UpdateSsoSettingsInput {
  issuerUrl: string;
  clientId: string;
  /** Needed when the issuer or client id is new; otherwise the stored one is kept. */
  clientSecret?: string;
  allowedDomains: string[];
  enabled?: boolean;
  enforced?: boolean;
}

/** The shape the API returns (SsoSettingsView mirrors it); the client secret is never returned. */
export interface SsoSettingsView {
  configured: boolean;
  issuerUrl: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  allowedDomains: string[];
  enabled: boolean;
  enforced: boolean;
  redirectUri: string;
  signInUrl: string;
}

/** The SSRF policy of issuer URLs: the webhook guard with its own allow-list (SSO_ALLOWED_HOSTS). */
export function issuerPolicy(config: Pick<AppConfig, 'SSO_ALLOWED_HOSTS' | 'NODE_ENV'>): WebhookPolicy {
  return webhookPolicy({ WEBHOOK_ALLOWED_HOSTS: config.SSO_ALLOWED_HOSTS, NODE_ENV: config.NODE_ENV });
}

export function ssoRedirectUri(appUrl: string, organizationId: string): string {
  return appLink(appUrl, `/v1/auth/sso/${organizationId}/callback`);
}

/** An organization's OpenID Connect settings, for its admins. The client secret is write-only. */
@Injectable()
export class SsoSettingsService {
  private readonly policy: WebhookPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SsoSettingsRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {
    this.policy = issuerPolicy(config);
  }

  async get(auth: AuthContext): Promise<SsoSettingsView> {
    return this.toResponse(auth.organizationId, await this.settings.find(auth.organizationId));
  }

  /**
   * Creates or replaces the settings. The issuer passes the SSRF guard and its discovery document must load with
   * these client credentials' issuer, so a typo is a 400 on `issuerUrl` now rather than a failed sign-in later.
   */
  async put(auth: AuthContext, dto: UpdateSsoSettingsInput): Promise<SsoSettingsView> {
    const { domains, invalid } = normalizeDomains(dto.allowedDomains);
    if (invalid.length > 0) {
      throw AppError.invalidFields(
        invalid.map((d) => ({
          field: `allowedDomains.${dto.allowedDomains.indexOf(d)}`,
          message: `"${d}" is not a domain name`,
          code: 'invalid_domain',
        })),
      );
    }
    const issuerUrl = dto.issuerUrl.trim().replace(/\/+$/, '');
    const previous = await this.settings.find(auth.organizationId);
    const clientSecret =
      dto.clientSecret ?? (previous && previous.issuerUrl === issuerUrl && previous.clientId === dto.clientId ? previous.clientSecret : null);
    if (!clientSecret) {
      throw AppError.invalidFields([
        { field: 'clientSecret', message: 'clientSecret is required when the issuer or client id is new', code: 'required' },
      ]);
    }
    await this.checkIssuer(issuerUrl, dto.clientId, clientSecret);
    const next: SsoSettings = {
      organizationId: auth.organizationId,
      issuerUrl,
      clientId: dto.clientId,
      clientSecret,
      allowedDomains: domains,
      enabled: dto.enabled ?? true,
      enforced: dto.enforced ?? false,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.settings.save(manager, next);
      const visible = (s: SsoSettings | null) =>
        s
          ? {
              issuerUrl: s.issuerUrl,
              clientId: s.clientId,
              clientSecret: s.clientSecret ? '<set>' : null,
              allowedDomains: s.allowedDomains,
              enabled: s.enabled,
              enforced: s.enforced,
            }
          : null;
      await this.audit.record(manager, auth, {
        action: 'organization.sso_updated',
        entityType: 'organization',
        entityId: auth.organizationId,
        before: visible(previous),
        after: visible(next),
      });
    });
    return this.get(auth);
  }

  async remove(auth: AuthContext): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.settings.remove(manager, auth.organizationId)) {
        await this.audit.record(manager, auth, {
          action: 'organization.sso_removed',
          entityType: 'organization',
          entityId: auth.organizationId,
          before: null,
          after: null,
        });
      }
    });
  }

  private async checkIssuer(issuerUrl: string, clientId: string, clientSecret: string): Promise<void> {
    const refuse = (message: string, code: string) => AppError.invalidFields([{ field: 'issuerUrl', message, code }]);
    try {
      // Discovery's every request passes the SSRF guard first (a refusal comes back as IssuerRefusedError).
      await discoverProvider({ issuerUrl, clientId, clientSecret }, this.policy);
    } catch (error) {
      if (error instanceof IssuerRefusedError) throw refuse(`issuerUrl: ${error.message}`, 'issuer_forbidden');
      throw refuse(
        `issuerUrl: the OpenID Connect discovery document could not be loaded (${(error as Error).message})`.slice(0, 400),
        'issuer_discovery_failed',
      );
    }
  }

  private toResponse(organizationId: string, s: SsoSettings | null): SsoSettingsView {
    return {
      configured: Boolean(s),
      issuerUrl: s?.issuerUrl ?? null,
      clientId: s?.clientId ?? null,
      clientSecretSet: Boolean(s?.clientSecret),
      allowedDomains: s?.allowedDomains ?? [],
      enabled: s?.enabled ?? false,
      enforced: s?.enforced ?? false,
      redirectUri: ssoRedirectUri(this.config.PUBLIC_APP_URL, organizationId),
      signInUrl: appLink(this.config.PUBLIC_APP_URL, `/v1/auth/sso/${organizationId}/start`),
    };
  }
}
