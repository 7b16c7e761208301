import { lookup as dnsLookup } from 'node:dns/promises';
import { IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may go. A URL is resolved and refused when ANY of its addresses is not public unicast (loopback,
 * RFC 1918 private, link-local incl. cloud metadata 169.254.169.254, unique-local, multicast, broadcast, unspecified,
 * CGNAT 100.64/10, reserved, NAT64/6to4/Teredo embeddings; IPv4-mapped IPv6 is judged as the IPv4 address it maps),
 * unless the address is in the explicit allow-list (`WEBHOOK_ALLOWED_HOSTS`, for development and tests).
 * The checked addresses are what the request connects to (see `pinnedLookup`): no DNS rebinding between check and send.
 */

export type WebhookTargetProblem = 'invalid_url' | 'https_required' | 'unresolvable' | 'forbidden_address';

export class WebhookTargetError extends Error {
  constructor(
    readonly problem: WebhookTargetProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

export interface WebhookPolicy {
  /** Addresses/CIDRs allowed although not public. */
  allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  requireHttps: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface WebhookTarget {
  url: URL;
  addresses: ResolvedAddress[];
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** `127.0.0.1, 10.0.0.0/8, ::1` → CIDR list; a bare address is a /32 (/128). Throws on anything else. */
export function parseAllowList(value: string): WebhookPolicy['allowed'] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      if (entry.includes('/')) return ipaddr.parseCIDR(entry);
      const address = ipaddr.process(entry);
      return [address, address.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    });
}

export function webhookPolicy(config: { WEBHOOK_ALLOWED_HOSTS?: string; NODE_ENV?: string }): WebhookPolicy {
  return { allowed: parseAllowList(config.WEBHOOK_ALLOWED_HOSTS ?? ''), requireHttps: config.NODE_ENV === 'production' };
}

/**
 * IPv4-compatible IPv6 (`::a.b.c.d`, deprecated by RFC 4291; IANA reserves ::/8): ipaddr.js calls `::7f00:1` (what the
 * URL parser makes of `[::127.0.0.1]`) or `::a9fe:a9fe` unicast. The mapped form `::ffff:a.b.c.d` is judged as IPv4.
 */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** Public unicast, or explicitly allowed. */
export function isAllowedAddress(address: string, allowed: WebhookPolicy['allowed'] = []): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 → IPv4
  for (const [range, bits] of allowed) {
    if (range.kind() === parsed.kind() && parsed.match(range as never, bits)) return true;
  }
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE as never)) return false;
  return parsed.range() === 'unicast';
}

const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Parses, checks the scheme and resolves the URL; refuses it when any address is not allowed. */
export async function resolveWebhookTarget(raw: string, policy: WebhookPolicy, resolve: Resolver = systemResolver): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('invalid_url', 'webhookUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookTargetError('invalid_url', 'webhookUrl must use http or https');
  if (url.username || url.password) throw new WebhookTargetError('invalid_url', 'webhookUrl must not contain credentials');
  if (policy.requireHttps && url.protocol !== 'https:') throw new WebhookTargetError('https_required', 'webhookUrl must use https');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    addresses = await resolve(host).catch(() => []);
    if (addresses.length === 0) throw new WebhookTargetError('unresolvable', 'webhookUrl: the host name does not resolve');
  }
  if (addresses.some((a) => !isAllowedAddress(a.address, policy.allowed))) {
    throw new WebhookTargetError('forbidden_address', 'webhookUrl must point to a public address (not loopback, private, link-local or reserved)');
  }
  return { url, addresses };
}

/**
 * A `lookup` for http(s).request that answers with the addresses checked before, whatever DNS says now, so the
 * connection goes where the check looked. (IP literals skip lookup altogether; they were checked as they are.)
 */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return ((_hostname: string, options: { all?: boolean } | number | undefined, callback: (...args: unknown[]) => void) => {
    const cb = typeof options === 'function' ? (options as unknown as typeof callback) : callback;
    const all = typeof options === 'object' && options !== null && options.all;
    if (all)
      cb(
        null,
        addresses.map((a) => ({ address: a.address, family: a.family })),
      );
    else cb(null, addresses[0].address, addresses[0].family);
  }) as unknown as LookupFunction;
}

export interface PinnedRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Gives up with a `TimeoutError` when the connection stays idle this long. */
  idleTimeoutMs?: number;
  /**
   * Gives up with the signal's reason (`AbortSignal.timeout`: a `TimeoutError`) when it aborts: the deadline of the
   * whole exchange, which an endpoint sending a byte now and then cannot stretch as it can the idle timeout.
   */
  signal?: AbortSignal;
  /**
   * Reads the answer's body up to `maxBytes`; a longer one destroys the request with `tooLarge()`. Without it the
   * answer resolves as soon as its status arrives and the connection is closed: its body is never read.
   */
  readBody?: { maxBytes: number; tooLarge: () => Error };
}

export interface PinnedResponse {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  /** Null unless `readBody` was asked for. */
  body: Buffer | null;
}

/**
 * The one way out to a checked URL (webhooks, the SSO provider): a single request through node:http(s) connected to
 * the addresses the check resolved (`pinnedLookup`; TLS still verifies the certificate for the URL's host name),
 * without a pooled agent and without following redirects. Rejects on a network error, the signal, or the idle timeout.
 */
export function pinnedRequest(target: WebhookTarget, request: PinnedRequest): Promise<PinnedResponse> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  return new Promise<PinnedResponse>((resolve, reject) => {
    const req = send(
      target.url,
      { method: request.method, headers, lookup: pinnedLookup(target.addresses), agent: false, signal: request.signal },
      (res) => {
        const answer = { status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: res.headers };
        const limit = request.readBody;
        if (!limit) {
          resolve({ ...answer, body: null });
          // Not drained: an endpoint streaming a body without end would keep the socket (agent: false) downloading.
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let refused = false;
        res.on('data', (chunk: Buffer) => {
          if (refused) return;
          size += chunk.length;
          if (size <= limit.maxBytes) {
            chunks.push(chunk);
            return;
          }
          // Rejected here, not by the destroy's error event: an answer already read in full still emits 'end'.
          refused = true;
          const error = limit.tooLarge();
          reject(error);
          req.destroy(error);
        });
        res.on('error', reject);
        res.on('end', () => {
          if (!refused) resolve({ ...answer, body: Buffer.concat(chunks) });
        });
      },
    );
    if (request.idleTimeoutMs !== undefined) {
      req.setTimeout(request.idleTimeoutMs, () => {
        const timeout = new Error('timeout');
        timeout.name = 'TimeoutError';
        req.destroy(timeout);
      });
    }
    // node:http rejects an aborted request with an AbortError; the signal's reason says why (a deadline: TimeoutError).
    req.on('error', (error) => reject(request.signal?.aborted && request.signal.reason !== undefined ? request.signal.reason : error));
    req.end(request.body);
  });
}

/** `promise`, or the signal's reason as soon as it aborts (for steps that take no signal, such as a DNS lookup). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
