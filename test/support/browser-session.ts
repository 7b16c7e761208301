/**
 * A minimal browser for HTTP flows across origins on loopback: a cookie jar (by name and path; every server here is
 * 127.0.0.1, and cookies do not care about ports), redirects followed by hand so that a test can stop at any URL,
 * and HTML forms submitted as a browser would (hidden inputs kept, the named fields filled in).
 */
export class BrowserSession {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const path = new URL(url).pathname;
    const cookie = [...this.cookies.entries()]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(init.headers ?? {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const header of res.headers.getSetCookie()) this.store(header);
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  private store(header: string): void {
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const expires = attr('expires');
    if (attr('max-age') === '0' || (expires && Date.parse(expires) < Date.now()) || value === '') this.cookies.delete(name);
    else this.cookies.set(name, { value, path: attr('path') ?? '/' });
  }

  /**
   * Follows redirects from `url`, submitting every HTML form met on the way (with `fields` where the form has inputs
   * of those names), and returns the first redirect target for which `stop` is true.
   */
  async follow(url: string, stop: (location: string) => boolean, fields: Record<string, string> = {}): Promise<string> {
    let next: { url: string; form?: Record<string, string> } = { url };
    for (let step = 0; step < 25; step++) {
      const res = await this.request(next.url, { form: next.form });
      if (res.status >= 300 && res.status < 400) {
        const location = new URL(res.headers.get('location')!, next.url).href;
        if (stop(location)) return location;
        next = { url: location };
        continue;
      }
      const html = await res.text();
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
      if (res.status !== 200 || !form) throw new Error(`unexpected ${res.status} at ${next.url}: ${html.slice(0, 500)}`);
      const values: Record<string, string> = {};
      for (const input of form[2].matchAll(/<input([^>]*)>/gi)) {
        const name = /name="([^"]*)"/.exec(input[1])?.[1];
        if (!name) continue;
        values[name] = fields[name] ?? /value="([^"]*)"/.exec(input[1])?.[1] ?? '';
      }
      next = { url: new URL(form[1].replace(/&amp;/g, '&'), next.url).href, form: values };
    }
    throw new Error(`no stop after 25 steps from ${url}`);
  }
}
