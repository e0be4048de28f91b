// HTTP checks for ClickHouse: GET /ping, with credentials in the URL moved to a header.
export interface HttpTarget {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** `http://user:pass@host:port/` → the ping URL plus a Basic auth header (fetch rejects URL credentials). */
export function clickHousePingTarget(baseUrl: string): HttpTarget {
  const u = new URL(baseUrl);
  const headers: Record<string, string> = {};
  if (u.username !== '' || u.password !== '') {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/ping`;
  u.search = '';
  return { url: u.toString(), headers };
}

/** Resolves when GET /ping answers "Ok."; rejects with the reason otherwise. */
export async function pingClickHouseOnce(baseUrl: string, timeoutMs = 2000): Promise<void> {
  const target = clickHousePingTarget(baseUrl);
  const res = await fetch(target.url, { headers: target.headers, signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  if (!res.ok || body.trim() !== 'Ok.') {
    throw new Error(`GET ${target.url} answered ${res.status} ${JSON.stringify(body.slice(0, 200))}`);
  }
}

export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${cause}`;
}
