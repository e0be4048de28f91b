// SIP over UDP: one socket, one message per datagram; responses to the address RFC 3261
// §18.2.2 / RFC 3581 name (source.ts). A refused request is answered to the same place.
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { SipLimits } from '../message/limits';
import { readDatagram } from './datagram-framing';
import { countDrop, deliver, type SipHandlers, type TransportCounters } from './inbound';
import { responseDestination, type Destination, type Source } from './source';

export interface UdpTransportOptions {
  readonly host: string;
  readonly port: number;
  readonly limits: SipLimits;
  readonly forceRport: boolean;
  readonly counters: TransportCounters;
  /** Decides before parsing whether a source may talk to us at all (trunk allow-list). */
  readonly accepts: (address: string) => boolean;
}

export class UdpTransport {
  private closed = false;

  private constructor(private readonly socket: Socket, private readonly options: UdpTransportOptions) {}

  static async open(options: UdpTransportOptions, handlers: SipHandlers): Promise<UdpTransport> {
    const socket = createSocket({ type: isIPv6(options.host) ? 'udp6' : 'udp4', reuseAddr: false });
    const transport = new UdpTransport(socket, options);
    socket.on('message', (datagram, rinfo) => { transport.onDatagram(datagram, rinfo.address, rinfo.port, handlers); });
    // Errors on a UDP socket (ICMP unreachable) concern one send, never the socket.
    socket.on('error', () => { countDrop(options.counters, 'socket-error'); });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, options.host, () => { socket.off('error', reject); resolve(); });
    });
    return transport;
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(bytes: Buffer, to: Destination): void {
    // A timer that outlived close() must not throw (ERR_SOCKET_DGRAM_NOT_RUNNING) out of a callback.
    if (this.closed) {
      countDrop(this.options.counters, 'send-after-close');
      return;
    }
    this.socket.send(bytes, to.port, to.address, (err) => { if (err) countDrop(this.options.counters, 'send-failed'); });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => { this.socket.close(() => { resolve(); }); });
  }

  private onDatagram(datagram: Buffer, address: string, port: number, handlers: SipHandlers): void {
    const { options } = this;
    if (!options.accepts(address)) {
      countDrop(options.counters, 'source-not-allowed');
      return;
    }
    const result = readDatagram(datagram, options.limits);
    if (result.ok === 'keepalive') return;
    const source: Source = { transport: 'udp', address, port };
    const top = result.ok ? result.message.vias[0] : undefined;
    const to = responseDestination(top, source, options.forceRport);
    deliver(result, source, { reliable: false, send: (bytes) => { this.send(bytes, to); } }, { handlers, counters: options.counters });
  }
}
