// Where a message came from, and where its responses go (RFC 3261 §18.2.2 with RFC 3581):
// the address is always the packet's source (`received` is stamped into the top Via whenever
// the sent-by differs, so a host name there is never looked up); the port is the source port
// when the Via asks for `rport` (or forceRport is set), else the sent-by port, else 5060.
import { Headers } from '../message/header-block';
import type { ViaHop } from '../message/via';

export interface Source {
  readonly transport: 'udp' | 'tcp';
  readonly address: string;
  readonly port: number;
}

export interface Destination {
  readonly address: string;
  readonly port: number;
}

export function responseDestination(top: ViaHop | undefined, source: Source, forceRport: boolean): Destination {
  if (top === undefined || forceRport || top.params.has('rport')) return { address: source.address, port: source.port };
  return { address: source.address, port: top.port ?? 5060 };
}

/**
 * The headers with the top Via hop stamped: `;received=<source>` when its sent-by host is not
 * the source address, and a valueless `rport` filled with the source port. Applied to the raw
 * field so responses echo it; the parsed hops keep what the peer wrote (transaction keys).
 */
export function stampTopVia(headers: Headers, top: ViaHop, source: Source): Headers {
  let hop = top.raw;
  if (top.host !== source.address && top.host !== `[${source.address}]`) hop += `;received=${source.address}`;
  if (top.params.get('rport') === '') hop = hop.replace(/;\s*rport(?=\s*(;|$))/i, `;rport=${source.port}`);
  if (hop === top.raw) return headers;
  let done = false;
  const fields = headers.fields.map((f) => {
    if (done || f.name !== 'via') return f;
    done = true;
    // The top hop is the start of the first Via field (its other hops follow after a comma).
    return { name: f.name, value: hop + f.value.slice(f.value.indexOf(top.raw) + top.raw.length) };
  });
  return new Headers(fields);
}
