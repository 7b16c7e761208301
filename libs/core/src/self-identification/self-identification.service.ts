import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { enterOrganization } from '@hireloop/database';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { appLink, EmailRequests, EmailTokens } from '../email';
import {
  SELF_IDENTIFICATION_CATEGORIES,
  SELF_IDENTIFICATION_CATEGORY_KEYS,
  SELF_IDENTIFICATION_LABELS,
  type SelfIdentificationAnswers,
} from './self-identification-categories';
import { SelfIdentificationLinkRow, SelfIdentificationRepository } from './self-identification.repository';
import { SelfIdentificationStore } from './self-identification.store';
import { hashOneTimeToken, newOneTimeToken } from '../common/one-time-token';

// The shapes the API returns (the response DTOs of apps/api/src/self-identification mirror them).

export interface SelfIdentificationLinkView {
  url: string;
  expiresAt: string;
  emailed: boolean;
}

export interface SelfIdentificationFormView {
  organizationName: string;
  roleTitle: string;
  expiresAt: string;
  questions: { category: string; label: string; options: { value: string; label: string }[] }[];
}

export interface SelfIdentificationView {
  applicationId: string;
  submittedAt: string;
  answers: SelfIdentificationAnswers;
}

const DEFAULT_EXPIRY_DAYS = 14;

/**
 * Voluntary self-identification by a one-time link. Recruiters and admins create the link; the candidate answers
 * without an account; only the `compliance` role reads the answers. The token is 256 random bits stored as its
 * SHA-256; a link works once and until it expires. Answers are never written to the audit log, logs, reports,
 * webhooks or anything an interviewer reads (see SelfIdentificationStore).
 */
@Injectable()
export class SelfIdentificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly links: SelfIdentificationRepository,
    private readonly store: SelfIdentificationStore,
    private readonly audit: AuditService,
    private readonly emailTokens: EmailTokens,
  ) {}

  async createLink(
    auth: AuthContext,
    applicationId: string,
    options: { expiresInDays?: number; sendEmail?: boolean } = {},
  ): Promise<SelfIdentificationLinkView> {
    const expiresInDays = options.expiresInDays ?? DEFAULT_EXPIRY_DAYS;
    const token = newOneTimeToken();
    return this.dataSource.transaction(async (manager) => {
      const application = await this.links.findApplication(manager, auth.organizationId, applicationId);
      if (!application) throw AppError.notFound('Application', applicationId);
      if (application.erased_at) throw AppError.conflict('candidate_erased', 'The candidate was erased: no self-identification can be asked for.');
      const row = await this.links.insertLink(manager, {
        organizationId: auth.organizationId,
        applicationId,
        tokenHash: hashOneTimeToken(token),
        createdByMemberId: auth.memberId,
        expiresInDays,
      });
      const expiresAt = new Date(row.expires_at).toISOString();
      // The email (if asked for) is stored with its outbox row in this transaction: it exists if and only if the link does.
      const emailed = options.sendEmail
        ? await EmailRequests.selfIdentificationLink(
            manager,
            {
              organizationId: auth.organizationId,
              linkId: row.id,
              applicationId,
              token,
              expiresAt: new Date(row.expires_at),
            },
            this.emailTokens,
          )
        : false;
      if (options.sendEmail && !emailed) {
        throw AppError.conflict(
          'candidate_email_undeliverable',
          "The candidate's email address cannot be delivered to; fix it or send the link yourself.",
        );
      }
      await this.audit.record(manager, auth, {
        action: 'self_identification.link_created',
        entityType: 'application',
        entityId: applicationId,
        after: { expiresAt, emailed },
      });
      // The web app routes by hash: the token stays in the fragment, which browsers never send with the page request.
      return { url: appLink(this.config.PUBLIC_APP_URL, `/#/self-identification/${token}`), expiresAt, emailed };
    });
  }

  /** The candidate's form; 404 for an unknown token, 410 for a used or expired one. */
  async form(token: string): Promise<SelfIdentificationFormView> {
    const link = await this.usableLink(token);
    return {
      organizationName: link.organization_name,
      roleTitle: link.role_title,
      expiresAt: new Date(link.expires_at).toISOString(),
      questions: SELF_IDENTIFICATION_CATEGORY_KEYS.map((category) => ({
        category,
        label: SELF_IDENTIFICATION_LABELS[category],
        options: SELF_IDENTIFICATION_CATEGORIES[category].map((value) => ({ value, label: SELF_IDENTIFICATION_LABELS[value] })),
      })),
    };
  }

  async submit(token: string, answers: SelfIdentificationAnswers): Promise<void> {
    const link = await this.usableLink(token);
    await this.dataSource.transaction(async (manager) => {
      // The link is spent in the same transaction that stores the answers: two submissions at once store one.
      if (!(await this.links.spendLink(manager, link.organization_id, hashOneTimeToken(token)))) throw linkUsed();
      const clean = Object.fromEntries(SELF_IDENTIFICATION_CATEGORY_KEYS.map((k) => [k, answers[k]])) as SelfIdentificationAnswers;
      const stored = await this.store.save(manager, link.organization_id, link.application_id, link.candidate_id, clean);
      if (!stored) throw linkExpired();
    });
  }

  /** The answers of one application, for the compliance role only (the controller declares it). */
  async read(auth: AuthContext, applicationId: string): Promise<SelfIdentificationView> {
    const found = await this.store.read(this.dataSource.manager, auth.organizationId, [applicationId]);
    const row = found.get(applicationId);
    if (!row) throw AppError.notFound('Self-identification');
    return { applicationId, submittedAt: row.submittedAt.toISOString(), answers: row.answers };
  }

  private async usableLink(token: string): Promise<SelfIdentificationLinkRow> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw AppError.notFound('Self-identification link');
    // Reached by its token alone: one SECURITY DEFINER function names the link's organization (nothing else), and the
    // rest of the request runs in that organization's scope (row-level security).
    const organizationId = await this.links.linkOrganization(hashOneTimeToken(token));
    if (!organizationId) throw AppError.notFound('Self-identification link');
    enterOrganization(organizationId);
    const link = await this.links.findLink(organizationId, hashOneTimeToken(token));
    if (!link) throw AppError.notFound('Self-identification link');
    if (link.used_at) throw linkUsed();
    if (link.erased_at || new Date(link.expires_at).getTime() <= Date.now()) throw linkExpired();
    return link;
  }
}

const linkUsed = () => AppError.gone('self_identification_link_used', 'This self-identification link was already used; each link works once.');
const linkExpired = () =>
  AppError.gone('self_identification_link_expired', 'This self-identification link has expired. Ask the recruiter for a new one.');
