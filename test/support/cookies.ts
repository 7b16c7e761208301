/** A cookie as a `Set-Cookie` header sets it: name, value (URI-decoded) and its attributes, lower-cased. */
export interface SetCookie {
  name: string;
  value: string;
  attributes: string[];
}

/** The cookies a response sets, by name (what a browser would keep of it). */
export function cookiesOf(res: { headers: Record<string, unknown> }): Map<string, SetCookie> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : raw ? [String(raw)] : [];
  return new Map(
    list.map((line) => {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const cookie = { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes: attributes.map((a) => a.toLowerCase()) };
      return [cookie.name, cookie];
    }),
  );
}
