/** The debrief as the benchmarks read it: whether it is current, and how many scorecards its report covers. */
export interface DebriefBody {
  status: string;
  report?: { scorecardCount?: number } | null;
  scorecards?: unknown[];
}

/** A small JSON client for the API (setup steps and the freshness poller); 127.0.0.1 only. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  static local(port: number): ApiClient {
    return new ApiClient(`http://127.0.0.1:${port}`);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; expect?: number[] } = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    const expected = options.expect ?? [200, 201];
    if (!expected.includes(res.status)) {
      throw new Error(`${method} ${path} answered ${res.status} (expected ${expected.join('/')}): ${text.slice(0, 1000)}`);
    }
    return { status: res.status, body };
  }

  async post<T = unknown>(path: string, body: unknown, token?: string): Promise<T> {
    return (await this.request<T>('POST', path, { body, token })).body;
  }

  async get<T = unknown>(path: string, token?: string): Promise<T> {
    return (await this.request<T>('GET', path, { token })).body;
  }
}
