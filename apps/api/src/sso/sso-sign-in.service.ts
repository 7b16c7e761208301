import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AppError, AuditService, isUuid } from '@hireloop/core';
import { appLink, headerText } from '@hireloop/core/email/email-text';
import { updatedRows } from '@hireloop/core/email/email-deliveries.repository';
import { WebhookPolicy } from '@hireloop/core/notifications/webhook-target';
import { ssoRefusal, SsoRefusal } from '@hireloop/core/sso/sso-policy';
import { enterOrganization, enterUser } from '@hireloop/database';
import { AuthService } from '../auth/auth.service';
import { TokenResponseDto } from '../auth/dto/auth.response.dto';
import { discoverProvider, IssuerRefusedError, oidc } from '@hireloop/core/sso/oidc-client';
import { SsoSettings, SsoSettingsRepository } from '@hireloop/core/sso/sso-settings.repository';
import { issuerPolicy, ssoRedirectUri } from '@hireloop/core/sso/sso-settings.service';
import { UsersRepository } from '@hireloop/core/users/users.repository';

/** A started sign-in must come back within this long. */
export const SSO_SIGN_IN_TTL_MS = 10 * 60_000;
/** The web app exchanges the hand-off code for a session within this long. */
export const SSO_HANDOFF_TTL_MS = 2 * 60_000;
/** The role of a member created by a first sign-in. */
export const SSO_DEFAULT_ROLE = 'interviewer';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const random = () => randomBytes(32).toString('base64url');

const REFUSALS: Record<SsoRefusal, string> = {
  sso_email_missing: 'The identity provider did not share an email address; ask your admin to release the email claim.',
  sso_email_unverified: 'The identity provider does not vouch for this email address (email_verified is not true).',
  sso_domain_not_allowed: "This email address's domain is not allowed to sign in to this organization.",
};

export interface SsoStart {
  location: string;
  /**
   * Binds the sign-in to this browser (an httpOnly cookie, `<organization id>.<random>`): the callback requires it,
   * and once the callback succeeded it is what the web app's exchange presents for the session.
   */
  browserBinding: string;
}

/** `<organization id>.<random>` → its parts; null when it is not one. */
export function parseBrowserBinding(value: string | undefined): { organizationId: string; secret: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/i.exec(value ?? '');
  return match && isUuid(match[1]) ? { organizationId: match[1].toLowerCase(), secret: match[2] } : null;
}

/**
 * Sign-in through an organization's OpenID provider: authorization code flow with PKCE (S256), `state` and `nonce`,
 * the ID token validated by openid-client (signature against the provider's JWKS, issuer, audience, expiry, nonce).
 * The state is single use and bound to the browser that started the flow (login CSRF); the callback ends with a
 * one-time hand-off code that the web app exchanges for a session through the same function as password sign-in.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);
  private readonly policy: WebhookPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SsoSettingsRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    this.policy = issuerPolicy(config);
  }

  async start(organizationId: string): Promise<SsoStart> {
    const settings = await this.enabledSettings(organizationId);
    const provider = await this.provider(settings);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const browserSecret = random();
    await this.dataSource.query(`DELETE FROM sso_sign_ins WHERE organization_id = $1 AND expires_at < now() - interval '1 day'`, [organizationId]);
    await this.dataSource.query(
      `INSERT INTO sso_sign_ins (organization_id, state_hash, browser_hash, nonce, code_verifier, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [organizationId, sha256(state), sha256(browserSecret), nonce, codeVerifier, new Date(Date.now() + SSO_SIGN_IN_TTL_MS)],
    );
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: ssoRedirectUri(this.config.PUBLIC_APP_URL, organizationId),
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { location: url.href, browserBinding: `${organizationId}.${browserSecret}` };
  }

  /**
   * The provider's redirect back. Consumes the state first (a replayed callback finds nothing), then exchanges the
   * code and validates the ID token, then applies the organization's rules and finds or creates the membership.
   * Returns where the browser goes next: the web app's page that exchanges the finished sign-in for a session.
   */
  async callback(organizationId: string, query: Record<string, string>, browserBinding: string | undefined): Promise<string> {
    if (!isUuid(organizationId)) throw notConfigured();
    enterOrganization(organizationId);
    const binding = parseBrowserBinding(browserBinding);
    const state = typeof query.state === 'string' ? query.state : '';
    // Consumed only by the browser that started it (its cookie): a callback opened elsewhere (login CSRF) neither
    // succeeds nor burns the genuine sign-in.
    const [attempt]: { id: string; nonce: string; code_verifier: string; expires_at: Date }[] =
      state && binding?.organizationId === organizationId.toLowerCase()
        ? updatedRows(
            await this.dataSource.query(
              `UPDATE sso_sign_ins SET consumed_at = now() WHERE organization_id = $1 AND state_hash = $2 AND browser_hash = $3 AND consumed_at IS NULL
             RETURNING id, nonce, code_verifier, expires_at`,
              [organizationId, sha256(state), sha256(binding?.secret ?? '')],
            ),
          )
        : [];
    if (!attempt || attempt.expires_at.getTime() < Date.now()) {
      throw new AppError(
        'unauthorized',
        'sso_state_invalid',
        'This sign-in link is unknown, already used, expired or was started in another browser; start again.',
      );
    }
    if (query.error) {
      throw new AppError(
        'unauthorized',
        'sso_provider_refused',
        `The identity provider refused the sign-in (${String(query.error)
          .replace(/[^a-z_]/gi, '')
          .slice(0, 60)}).`,
      );
    }
    const settings = await this.enabledSettings(organizationId);
    const provider = await this.provider(settings);
    const currentUrl = new URL(ssoRedirectUri(this.config.PUBLIC_APP_URL, organizationId));
    for (const [key, value] of Object.entries(query)) currentUrl.searchParams.set(key, String(value));

    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      if (claims.email === undefined && tokens.access_token) {
        // Providers that keep the email claims out of the ID token answer them at userinfo (same subject required).
        const userinfo = await oidc.fetchUserInfo(provider, tokens.access_token, String(claims.sub));
        claims = { ...userinfo, ...claims, email: userinfo.email, email_verified: userinfo.email_verified, name: claims.name ?? userinfo.name };
      }
    } catch (error) {
      this.logger.warn(`SSO sign-in to organization ${organizationId} refused: ${(error as Error).message}`);
      throw new AppError('unauthorized', 'sso_token_invalid', `The identity provider's answer was not accepted: ${tokenProblem(error)}.`);
    }
    const refusal = ssoRefusal(claims, settings.allowedDomains);
    if (refusal) throw new AppError('forbidden', refusal, REFUSALS[refusal]);

    const email = String(claims.email).trim().toLowerCase();
    const name = headerText(typeof claims.name === 'string' && claims.name.trim() ? claims.name : email.split('@')[0], 200);
    const issuer = String(claims.iss);
    const subject = String(claims.sub);
    await this.dataSource.transaction(async (manager) => {
      const memberId = await this.findOrCreateMember(manager, { organizationId, issuer, subject, email, name });
      await manager.query(`UPDATE sso_sign_ins SET member_id = $2, handoff_expires_at = $3 WHERE id = $1`, [
        attempt.id,
        memberId,
        new Date(Date.now() + SSO_HANDOFF_TTL_MS),
      ]);
    });
    return completeUrl(this.config.PUBLIC_APP_URL, {});
  }

  /**
   * A finished sign-in → a session, issued as password sign-in issues it: once, within two minutes of the callback,
   * for the browser that started it (its cookie; so a link to a finished sign-in cannot sign someone else in).
   */
  async exchange(browserBinding: string | undefined): Promise<TokenResponseDto> {
    const binding = parseBrowserBinding(browserBinding);
    let memberId: string | undefined;
    if (binding) {
      enterOrganization(binding.organizationId);
      const rows = updatedRows<{ member_id: string }>(
        await this.dataSource.query(
          `UPDATE sso_sign_ins SET exchanged_at = now() WHERE organization_id = $1 AND browser_hash = $2 AND member_id IS NOT NULL AND exchanged_at IS NULL AND handoff_expires_at > now()
           RETURNING member_id`,
          [binding.organizationId, sha256(binding.secret)],
        ),
      );
      memberId = rows[0]?.member_id;
    }
    if (!memberId)
      throw new AppError(
        'unauthorized',
        'sso_handoff_invalid',
        'No finished single sign-on for this browser (unknown, already used or expired); sign in again.',
      );
    return this.auth.issueToken(memberId);
  }

  /**
   * The member this identity signs in as. Known subject → its user; otherwise the user with this (verified) email,
   * or a new user without a password. An active member signs in; an invited one is activated (the provider vouched
   * for the address); a deactivated one is refused; anyone else becomes an interviewer.
   */
  private async findOrCreateMember(
    manager: EntityManager,
    who: { organizationId: string; issuer: string; subject: string; email: string; name: string },
  ): Promise<string> {
    const [linked]: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM sso_identities WHERE organization_id = $1 AND issuer = $2 AND subject = $3`,
      [who.organizationId, who.issuer, who.subject],
    );
    let userId = linked?.user_id;
    if (!userId) {
      const account = await this.users.findOrCreate(manager, { email: who.email, name: who.name, passwordHash: null });
      userId = account.id;
      // The provider vouched for the address: a password an unverified sign-up gave it (anyone may start one with
      // any address) must not now open this organization to whoever started it.
      if (!account.created) {
        enterUser(userId);
        if (await this.users.dropUnprovenPassword(manager, userId)) {
          this.logger.warn(`single sign-on dropped the unverified sign-up password of user ${userId}`);
        }
      }
    }
    await manager.query(
      `INSERT INTO sso_identities (organization_id, issuer, subject, user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, issuer, subject) DO UPDATE SET last_sign_in_at = now()`,
      [who.organizationId, who.issuer, who.subject, userId],
    );
    const [member]: { id: string; status: string }[] = await manager.query(
      `SELECT id, status FROM members WHERE organization_id = $1 AND user_id = $2 FOR UPDATE`,
      [who.organizationId, userId],
    );
    if (member?.status === 'deactivated')
      throw new AppError('forbidden', 'sso_membership_deactivated', 'Your membership of this organization was deactivated; ask an admin.');
    if (member?.status === 'active') return member.id;
    if (member) {
      await manager.query(
        `UPDATE members SET status = 'active', invited_name = NULL, invite_token_hash = NULL, invite_expires_at = NULL, updated_at = now() WHERE id = $1`,
        [member.id],
      );
      await this.audit.record(
        manager,
        { organizationId: who.organizationId, memberId: null },
        { action: 'member.joined_via_sso', entityType: 'member', entityId: member.id, before: { status: 'invited' }, after: { status: 'active' } },
      );
      return member.id;
    }
    const [created]: { id: string }[] = await manager.query(
      `INSERT INTO members (organization_id, user_id, roles, status) VALUES ($1, $2, ARRAY[$3]::text[], 'active') RETURNING id`,
      [who.organizationId, userId, SSO_DEFAULT_ROLE],
    );
    await this.audit.record(
      manager,
      { organizationId: who.organizationId, memberId: null },
      {
        action: 'member.joined_via_sso',
        entityType: 'member',
        entityId: created.id,
        before: null,
        after: { roles: [SSO_DEFAULT_ROLE], status: 'active' },
      },
    );
    return created.id;
  }

  private async enabledSettings(organizationId: string): Promise<SsoSettings> {
    if (!isUuid(organizationId)) throw notConfigured();
    enterOrganization(organizationId);
    const settings = await this.settings.find(organizationId);
    if (!settings?.enabled) throw notConfigured();
    return settings;
  }

  private async provider(settings: SsoSettings): Promise<oidc.Configuration> {
    try {
      return await discoverProvider(settings, this.policy);
    } catch (error) {
      this.logger.warn(`SSO discovery for organization ${settings.organizationId} failed: ${(error as Error).message}`);
      const reason = error instanceof IssuerRefusedError ? 'its address is not allowed' : 'it could not be reached';
      throw new AppError('unavailable', 'sso_provider_unavailable', `The organization's identity provider cannot be used right now: ${reason}.`);
    }
  }
}

function notConfigured(): AppError {
  return new AppError('not_found', 'sso_not_configured', 'This organization has no single sign-on configured.');
}

/** A short, safe description of why openid-client refused the answer (no tokens or codes). */
function tokenProblem(error: unknown): string {
  const e = error as { error?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.error === 'string') return `the provider answered ${e.error.replace(/[^a-z_]/gi, '').slice(0, 60)}`;
  // openid-client wraps the validation error of oauth4webapi, whose `cause` names the claim that did not match.
  let claim: unknown;
  for (let c: { cause?: unknown } | undefined = e; c && !claim; c = c.cause as typeof c) claim = (c.cause as { claim?: unknown } | undefined)?.claim;
  const which = typeof claim === 'string' ? ` (ID token claim "${claim.replace(/[^a-z_]/gi, '').slice(0, 40)}")` : '';
  return `${String(e.message ?? 'invalid response')
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 200)}${which}`;
}

/** The web app's page that finishes the sign-in (or shows why not); values in the fragment (never sent to a server or in a Referer). */
export function completeUrl(appUrl: string, values: Record<string, string>): string {
  const fragment = new URLSearchParams(values).toString();
  return appLink(appUrl, '/sso/complete') + (fragment ? `#${fragment}` : '');
}
