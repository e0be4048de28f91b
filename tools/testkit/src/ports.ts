// Free ports on 127.0.0.1, chosen by the kernel.
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo } from 'node:net';

function onePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await onePort());
  return [...ports];
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => { socket.close(); resolve(false); });
    socket.bind(port, '127.0.0.1', () => { socket.close(() => { resolve(true); }); });
  });
}

/**
 * `count` distinct ports free for both TCP and UDP at the time of asking (for a peer such as sipp
 * that binds UDP and TCP on the port it is given). Another process may still take one before it
 * is bound: callers retry on a bind failure.
 */
export async function freeUdpTcpPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = await onePort();
    if (await udpFree(port)) ports.add(port);
  }
  return [...ports];
}
