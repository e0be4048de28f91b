// Connections of the sink's consumer: one per broker and purpose, opened on demand and replaced
// once closed. Group traffic (joins, heartbeats, commits) and fetches use separate connections,
// because a broker answers a connection's requests in order and a fetch may wait up to its
// max wait on the broker: a heartbeat behind it would be late.
import { BrokerConnection, ConnectionError, type ConnectionOptions } from './connection';
import { metadata, type BrokerAddress, type ClusterMetadata } from './protocol';

export interface ClusterOptions {
  /** Bootstrap servers, `host:port`. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

export type Purpose = 'group' | 'fetch';

export class Cluster {
  private readonly addresses = new Map<number, BrokerAddress>();
  private readonly connections = new Map<string, Promise<BrokerConnection>>();
  private bootstrap: Promise<BrokerConnection> | undefined;
  private closed = false;

  constructor(private readonly opts: ClusterOptions) {}

  /** Learns a broker's address (metadata, or a FindCoordinator answer). */
  remember(address: BrokerAddress): void {
    const known = this.addresses.get(address.nodeId);
    if (known && (known.host !== address.host || known.port !== address.port)) this.drop(address.nodeId);
    this.addresses.set(address.nodeId, address);
  }

  /** A connection to any reachable bootstrap server, for metadata and coordinator lookups. */
  async any(): Promise<BrokerConnection> {
    const existing = this.bootstrap && (await this.bootstrap.catch(() => undefined));
    if (existing && !existing.closed) return existing;
    const opening = this.openBootstrap();
    this.bootstrap = opening;
    opening.catch(() => { if (this.bootstrap === opening) this.bootstrap = undefined; });
    return opening;
  }

  private async openBootstrap(): Promise<BrokerConnection> {
    let last: unknown;
    for (const server of this.opts.brokers) {
      const at = server.lastIndexOf(':');
      try {
        return await this.open(server.slice(0, at), Number(server.slice(at + 1)));
      } catch (err) {
        last = err;
      }
    }
    throw last instanceof Error ? last : new ConnectionError('no bootstrap broker reachable');
  }

  async metadata(topics: readonly string[]): Promise<ClusterMetadata> {
    const conn = await this.any();
    const meta = await metadata(conn, topics);
    for (const b of meta.brokers.values()) this.remember(b);
    return meta;
  }

  /** The connection for `purpose` to broker `nodeId` (its address must be known). */
  async connection(nodeId: number, purpose: Purpose): Promise<BrokerConnection> {
    const key = `${purpose}:${nodeId}`;
    const existing = this.connections.get(key);
    if (existing) {
      const conn = await existing.catch(() => undefined);
      if (conn && !conn.closed) return conn;
      if (this.connections.get(key) === existing) this.connections.delete(key);
    }
    const address = this.addresses.get(nodeId);
    if (!address) throw new ConnectionError(`broker ${nodeId} is not known (yet)`);
    const opening = this.open(address.host, address.port);
    this.connections.set(key, opening);
    opening.catch(() => { if (this.connections.get(key) === opening) this.connections.delete(key); });
    return opening;
  }

  /** Closes the connections to a broker (e.g. after it failed), so the next use reconnects. */
  drop(nodeId: number): void {
    for (const purpose of ['group', 'fetch'] as const) {
      const key = `${purpose}:${nodeId}`;
      const conn = this.connections.get(key);
      this.connections.delete(key);
      void conn?.then((c) => { c.close(); }, () => undefined);
    }
  }

  close(): void {
    this.closed = true;
    for (const conn of [...this.connections.values(), ...(this.bootstrap ? [this.bootstrap] : [])]) void conn.then((c) => { c.close(); }, () => undefined);
    this.connections.clear();
    this.bootstrap = undefined;
  }

  private async open(host: string, port: number): Promise<BrokerConnection> {
    if (this.closed) throw new ConnectionError('the consumer is closed');
    const options: ConnectionOptions = { host, port, clientId: this.opts.clientId, connectTimeoutMs: this.opts.connectTimeoutMs, requestTimeoutMs: this.opts.requestTimeoutMs };
    const conn = await BrokerConnection.open(options);
    if (this.closed) {
      conn.close();
      throw new ConnectionError('the consumer is closed');
    }
    return conn;
  }
}
