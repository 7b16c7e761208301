import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './processes';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  readonly port: number;
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Messages whose envelope includes this recipient. */
  to(address: string): ReceivedMail[];
  /** Resolves with the first `count` messages matching, waiting up to `timeoutMs`. */
  waitFor(match: (m: ReceivedMail) => boolean, options?: { count?: number; timeoutMs?: number; what?: string }): Promise<ReceivedMail[]>;
  /** Stops listening (the port refuses connections, as a server that is down). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps and parses (mailparser) what it receives.
 * Recipients for which `reject` returns an SMTP code are refused with it (e.g. 550 to test permanent failures).
 */
export async function startSmtpReceiver(options: { port?: number; reject?: (address: string) => number | null } = {}): Promise<SmtpReceiver> {
  const port = options.port ?? (await freePort());
  const messages: ReceivedMail[] = [];
  let server: SMTPServer | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        authOptional: true,
        logger: false,
        onRcptTo(address, _session, callback) {
          const code = options.reject?.(address.address) ?? null;
          if (code) {
            const error = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
            error.responseCode = code;
            return callback(error);
          }
          callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks);
            simpleParser(raw)
              .then((parsed) => {
                messages.push({
                  envelope: {
                    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                    to: session.envelope.rcptTo.map((r) => r.address),
                  },
                  raw: raw.toString('utf8'),
                  parsed,
                });
                callback();
              })
              .catch((error) => callback(error));
          });
        },
      });
      s.on('error', () => undefined);
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });

  await listen();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.envelope.to.includes(address.toLowerCase())),
    async waitFor(match, { count = 1, timeoutMs = 30_000, what = 'mail' } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.filter(match);
        if (found.length >= count) return found.slice(0, count);
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${count} × ${what}; received ${messages.length}: ${messages.map((m) => `${m.envelope.to} ${m.parsed.subject}`).join(' | ')}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    start: listen,
  };
}

/** Reads the token of the verification mail to `email` from what the receiver got (for `TestApp.readVerificationToken`). */
export function verificationTokenReader(smtp: SmtpReceiver): (email: string) => Promise<string> {
  return async (email) => {
    const address = email.trim().toLowerCase();
    const [mail] = await smtp.waitFor((m) => m.envelope.to.includes(address) && /\/verify-email\?token=/.test(m.parsed.text ?? ''), {
      what: `verification mail to ${address}`,
    });
    return decodeURIComponent(/\/verify-email\?token=([^\s&]+)/.exec(mail.parsed.text ?? '')![1]);
  };
}
