import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { AppConfig } from '@hireloop/config';
import { escapeHtml } from '@hireloop/core/email';

/** Newest messages kept in memory. */
const KEEP = 200;
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

interface StoredMessage {
  id: string;
  receivedAt: Date;
  from: string;
  to: string[];
  raw: Buffer;
}

/** True when the development mailbox runs: no SMTP_URL, not production, a port. */
export function devMailboxEnabled(config: Pick<AppConfig, 'NODE_ENV' | 'SMTP_URL' | 'DEV_MAILBOX_PORT'>): boolean {
  return config.NODE_ENV !== 'production' && !config.SMTP_URL && config.DEV_MAILBOX_PORT > 0;
}

/**
 * The development mailbox: a real SMTP server (smtp-server) on 127.0.0.1:DEV_MAILBOX_PORT that the worker delivers
 * to when SMTP_URL is unset, and pages that show what arrived: `/dev/mailbox` (HTML), `/dev/mailbox/messages`
 * (JSON), `/dev/mailbox/messages/:id` (JSON with text, HTML and attachments), `…/:id/html`, `…/:id/raw`.
 * None of it exists in production (NODE_ENV=production) or when SMTP_URL is set. Messages live in memory.
 */
@Injectable()
export class DevMailboxService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DevMailbox');
  private readonly messages: StoredMessage[] = [];
  private server?: SMTPServer;

  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!devMailboxEnabled(this.config)) return;
    this.registerRoutes(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      size: MAX_MESSAGE_BYTES,
      banner: 'hireloop development mailbox',
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.messages.unshift({
            id: randomUUID(),
            receivedAt: new Date(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          this.messages.length = Math.min(this.messages.length, KEEP);
          callback();
        });
      },
    });
    server.on('error', (error) => this.logger.warn(`development mailbox: ${error.message}`));
    await new Promise<void>((resolve) => {
      const onError = (error: NodeJS.ErrnoException) => {
        this.logger.warn(
          `development mailbox not started on 127.0.0.1:${this.config.DEV_MAILBOX_PORT}: ${error.code ?? error.message} (another one may run there)`,
        );
        resolve();
      };
      server.server.once('error', onError);
      server.listen(this.config.DEV_MAILBOX_PORT, '127.0.0.1', () => {
        server.server.off('error', onError);
        this.server = server;
        this.logger.log(
          `development mailbox: SMTP on 127.0.0.1:${this.config.DEV_MAILBOX_PORT}, messages at ${this.config.PUBLIC_APP_URL.replace(/\/+$/, '')}/dev/mailbox`,
        );
        resolve();
      });
    });
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private find(id: string): StoredMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  private registerRoutes(fastify: FastifyInstance): void {
    const notFound = (reply: FastifyReply) =>
      reply.code(404).type('application/problem+json').send({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No such message in the development mailbox.',
        code: 'message_not_found',
      });

    fastify.get('/dev/mailbox/messages', async () => ({
      items: await Promise.all(this.messages.map(async (m) => ({ ...(await this.summary(m)) }))),
    }));

    fastify.get<{ Params: { id: string } }>('/dev/mailbox/messages/:id', async (req, reply) => {
      const m = this.find(req.params.id);
      if (!m) return notFound(reply);
      const parsed = await simpleParser(m.raw);
      return {
        ...(await this.summary(m)),
        text: parsed.text ?? null,
        html: typeof parsed.html === 'string' ? parsed.html : null,
        attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
      };
    });

    fastify.get<{ Params: { id: string } }>('/dev/mailbox/messages/:id/html', async (req, reply) => {
      const m = this.find(req.params.id);
      if (!m) return notFound(reply);
      const parsed = await simpleParser(m.raw);
      return reply
        .type('text/html; charset=utf-8')
        .send(typeof parsed.html === 'string' ? parsed.html : `<pre>${escapeHtml(parsed.text ?? '')}</pre>`);
    });

    fastify.get<{ Params: { id: string } }>('/dev/mailbox/messages/:id/raw', async (req, reply) => {
      const m = this.find(req.params.id);
      if (!m) return notFound(reply);
      return reply.type('message/rfc822').send(m.raw);
    });

    fastify.get('/dev/mailbox', async (_req, reply) => {
      const rows = await Promise.all(this.messages.map((m) => this.summary(m)));
      const e = escapeHtml;
      const html = `<!doctype html><html><head><meta charset="utf-8"><title>Development mailbox · hireloop</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#1f2328}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px 10px;border-bottom:1px solid #d0d7de;font-size:14px}th{color:#57606a}</style></head>
<body><h1>Development mailbox</h1>
<p>Every email hireloop sends while <code>SMTP_URL</code> is unset lands here (SMTP on 127.0.0.1:${this.config.DEV_MAILBOX_PORT}; newest ${KEEP} kept in memory until the API restarts). JSON: <a href="/dev/mailbox/messages">/dev/mailbox/messages</a>. Reload to see new mail.</p>
<table><tr><th>received</th><th>to</th><th>subject</th><th></th></tr>
${rows.map((r) => `<tr><td>${e(r.receivedAt)}</td><td>${e(r.to.join(', '))}</td><td><a href="/dev/mailbox/messages/${r.id}/html">${e(r.subject)}</a></td><td><a href="/dev/mailbox/messages/${r.id}">json</a> · <a href="/dev/mailbox/messages/${r.id}/raw">raw</a></td></tr>`).join('\n') || '<tr><td colspan="4">No messages yet. Invite a member (POST /v1/members) and reload.</td></tr>'}
</table></body></html>`;
      return reply.type('text/html; charset=utf-8').send(html);
    });
  }

  private async summary(m: StoredMessage): Promise<{ id: string; receivedAt: string; from: string; to: string[]; subject: string }> {
    const headerEnd = m.raw.indexOf('\r\n\r\n');
    const parsed = await simpleParser(headerEnd > 0 ? m.raw.subarray(0, headerEnd + 4) : m.raw);
    return { id: m.id, receivedAt: m.receivedAt.toISOString(), from: m.from, to: m.to, subject: parsed.subject ?? '' };
  }
}
