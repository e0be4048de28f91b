// The sip-ingress under test, in-process on loopback with short SIP timers and its own RTP range.
import type { Cleanups } from './cleanups';
import { createLogger } from '@switchboard/runtime';
import { loadSipIngressConfig, startSipIngress, type RunningSipIngress } from '../../src/index';

export async function startIngress(t: Cleanups, gatewayAddress: string, env: Record<string, string> = {}): Promise<RunningSipIngress> {
  // A random 1,000-port slice of 30000–59999 so parallel test files rarely meet (the pool skips busy ports anyway).
  const min = 30000 + 2 * Math.floor(Math.random() * 14_500);
  const config = loadSipIngressConfig({
    SIP_BIND_HOST: '127.0.0.1', SIP_PORT: '0', SIP_HTTP_PORT: '0', SIP_ADVERTISED_ADDRESS: '127.0.0.1',
    GATEWAY_ADDRESS: gatewayAddress, RTP_PORT_MIN: String(min), RTP_PORT_MAX: String(min + 999),
    SIP_T1_MS: '100', SIP_ANSWER_WAIT_MS: '300', LOG_LEVEL: 'warn',
    ...env,
  });
  const ingress = await startSipIngress(config, createLogger('sip-ingress', 'warn'));
  t.after(() => ingress.stop());
  return ingress;
}

/** Resolves when the ingress has no live call; rejects naming what is still open after timeoutMs. */
export async function idle(ingress: RunningSipIngress, timeoutMs = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { reject(new Error(`calls still open after ${timeoutMs} ms: ${JSON.stringify(ingress.health())}`)); }, timeoutMs);
  });
  try {
    await Promise.race([ingress.calls.whenIdle(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
