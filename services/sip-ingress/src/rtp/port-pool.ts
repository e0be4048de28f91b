// RTP ports for calls: an even port per call from [min, max] (RFC 3550 §11: RTP on even ports,
// RTCP on the next odd one, which is left unbound — RTCP is optional for this service). Ports
// are handed out round-robin so a just-released port is not reused at once (late packets of the
// last call would land in the next one); a port some other process holds is skipped.
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

export class RtpPortsExhausted extends Error {
  constructor(min: number, max: number) {
    super(`no free RTP port in ${min}-${max}`);
  }
}

export interface RtpPort {
  readonly socket: Socket;
  readonly port: number;
}

export class RtpPortPool {
  private readonly inUse = new Set<number>();
  private cursor: number;

  constructor(private readonly host: string, private readonly min: number, private readonly max: number) {
    this.cursor = min + (min % 2);
  }

  get used(): number {
    return this.inUse.size;
  }

  get capacity(): number {
    return Math.floor((this.max - (this.min + (this.min % 2))) / 2) + 1;
  }

  async open(): Promise<RtpPort> {
    for (let tried = 0; tried < this.capacity; tried++) {
      const port = this.cursor;
      this.cursor = port + 2 > this.max ? this.min + (this.min % 2) : port + 2;
      if (this.inUse.has(port)) continue;
      this.inUse.add(port);
      const socket = await bind(this.host, port);
      if (socket) return { socket, port };
      this.inUse.delete(port);
    }
    throw new RtpPortsExhausted(this.min, this.max);
  }

  async release(rtp: RtpPort): Promise<void> {
    await new Promise<void>((resolve) => {
      try {
        rtp.socket.close(() => { resolve(); });
      } catch {
        resolve(); // already closed
      }
    });
    this.inUse.delete(rtp.port);
  }
}

function bind(host: string, port: number): Promise<Socket | undefined> {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    const failed = (): void => { socket.close(); resolve(undefined); };
    socket.once('error', failed);
    socket.bind(port, host, () => { socket.off('error', failed); resolve(socket); });
  });
}
