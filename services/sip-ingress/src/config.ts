// sip-ingress configuration: read once from the environment through the runtime's loadConfig,
// so a bad variable fails start-up with its name and rule, never its value.
import { readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { bool, int, loadConfig, logLevelSpec, str, SwitchboardError, type ConfigSpec, type Env, type LogLevel } from '@switchboard/runtime';
import type { Codec } from './sdp/offer';
import { DIGEST_ALGORITHMS, type DigestAlgorithm } from './sip/auth/digest';

export interface SipIngressConfig {
  bindHost: string;
  sipPort: number;
  /** The address peers must use for SIP and RTP (Via, Contact, SDP). */
  advertisedAddress: string;
  httpPort: number;
  /** host:port of the gateway's gRPC media ingest. */
  gatewayAddress: string;
  tenantId: string;
  /** The callers' language (BCP 47), passed to the gateway as the call's `language` attribute. */
  language: string;
  /** Signalling sources allowed to talk to us at all (trunk allow-list); others are dropped unanswered. */
  allowedSources: Cidrs;
  /** Where RTP may come from and go to (SDP addresses outside are refused with 488). */
  mediaNetworks: Cidrs;
  /** Digest realm; authentication is on when this and authUsers are set. */
  authRealm: string;
  /** user → password, from SIP_AUTH_USERS_FILE. */
  authUsers: ReadonlyMap<string, string>;
  authAlgorithms: DigestAlgorithm[];
  rtpPortMin: number;
  rtpPortMax: number;
  maxCalls: number;
  codecs: Codec[];
  answerWaitMs: number;
  mediaTimeoutMs: number;
  tcpMessageTimeoutMs: number;
  jitterMs: number;
  maxPendingFrames: number;
  forceRport: boolean;
  t1Ms: number;
  drainTimeoutMs: number;
  retryAfterS: number;
  transferUriTemplate: string;
  logLevel: LogLevel;
}

/** A CIDR list as written (for logs) and as a matcher. */
export interface Cidrs {
  readonly text: string;
  readonly has: (address: string) => boolean;
}

const cidrs = (raw: string, name: string): Cidrs => {
  const list = new BlockList();
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new Error(`${name}: must be a comma-separated list of CIDRs (10.0.0.0/8, ::1/128)`);
  for (const part of parts) {
    const [address = '', prefixText] = part.split('/');
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`${name}: must be a comma-separated list of CIDRs (10.0.0.0/8, ::1/128)`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    text: parts.join(','),
    has: (address) => {
      const family = isIP(address);
      if (family === 0) return false;
      // IPv4-mapped IPv6 sources (dual-stack sockets) are checked as IPv4.
      const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
      return mapped !== undefined ? list.check(mapped, 'ipv4') : list.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
};

const codecList = (raw: string, name: string): Codec[] => {
  const list = raw.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  if (list.length === 0 || !list.every((c): c is Codec => c === 'PCMU' || c === 'PCMA')) throw new Error(`${name}: must be a comma-separated list of PCMU, PCMA`);
  return list;
};

const hostPort = (raw: string, name: string): string => {
  if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(raw) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(raw)) throw new Error(`${name}: must be host:port`);
  return raw;
};

const ipAddress = (raw: string, name: string): string => {
  if (isIP(raw) === 0) throw new Error(`${name}: must be an IP address (SIP and SDP carry it; no DNS name)`);
  return raw;
};

const transferUri = (raw: string, name: string): string => {
  if (!/^sips?:[^\s<>"]+$/.test(raw) || !raw.includes('{queue}')) throw new Error(`${name}: must be a sip: URI containing {queue}`);
  return raw;
};

/** `user:password` per line; blank lines and `#` comments skipped. Errors name the line, never its content. */
const usersFile = (raw: string, name: string): ReadonlyMap<string, string> => {
  let text: string;
  try {
    text = readFileSync(raw, 'utf8');
  } catch {
    throw new Error(`${name}: cannot read the file it names`);
  }
  const users = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const colon = t.indexOf(':');
    const user = t.slice(0, colon);
    if (colon <= 0 || colon === t.length - 1 || !/^[A-Za-z0-9._~+-]{1,64}$/.test(user)) throw new Error(`${name}: line ${i + 1} must be user:password (user of letters, digits, . _ ~ + -)`);
    users.set(user, t.slice(colon + 1));
  });
  if (users.size === 0) throw new Error(`${name}: the file holds no user`);
  return users;
};

const algorithms = (raw: string, name: string): DigestAlgorithm[] => {
  const list = raw.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  const known = list.filter((a): a is DigestAlgorithm => (DIGEST_ALGORITHMS as readonly string[]).includes(a));
  if (list.length === 0 || known.length !== list.length) throw new Error(`${name}: must be a comma-separated list of SHA-256, MD5`);
  return known;
};

const LOOPBACK = '127.0.0.0/8,::1/128';

const spec: ConfigSpec<SipIngressConfig> = {
  bindHost: { env: 'SIP_BIND_HOST', parse: ipAddress, default: '0.0.0.0', description: 'interface SIP (UDP and TCP) and RTP bind to' },
  sipPort: { env: 'SIP_PORT', parse: int(0, 65535), default: 5060, description: 'SIP port, UDP and TCP (0 = any free port)' },
  advertisedAddress: { env: 'SIP_ADVERTISED_ADDRESS', parse: ipAddress, default: '127.0.0.1', description: 'address written into Via, Contact and SDP (the node or public IP)' },
  httpPort: { env: 'SIP_HTTP_PORT', parse: int(0, 65535), default: 8084, description: 'health (/healthz with live calls, /readyz) and /metrics port' },
  gatewayAddress: { env: 'GATEWAY_ADDRESS', parse: hostPort, default: '127.0.0.1:50051', description: "gateway's gRPC media ingest, host:port" },
  tenantId: { env: 'SIP_TENANT_ID', parse: str(/^[a-z0-9-]{1,64}$/, 'must match [a-z0-9-]{1,64}'), default: 'default', description: 'tenant of the calls this endpoint takes' },
  language: { env: 'SIP_LANGUAGE', parse: str(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,3}$/, 'must be a BCP 47 language tag (en, zh-CN)'), default: 'en', description: 'language of the calls (speech recognition, prompts)' },
  allowedSources: { env: 'SIP_ALLOWED_SOURCES', parse: cidrs, default: cidrs(LOOPBACK, 'SIP_ALLOWED_SOURCES'), description: 'CIDRs allowed to send SIP (others are dropped unanswered)' },
  mediaNetworks: { env: 'SIP_MEDIA_NETWORKS', parse: cidrs, default: cidrs(LOOPBACK, 'SIP_MEDIA_NETWORKS'), description: 'CIDRs RTP may come from and be sent to (other SDP addresses get 488)' },
  authRealm: { env: 'SIP_AUTH_REALM', parse: str(/^[\x21\x23-\x5b\x5d-\x7e ]{1,128}$/, 'printable ASCII without quotes or backslashes, at most 128 characters'), default: '', description: 'digest realm (with SIP_AUTH_USERS_FILE: INVITEs must authenticate)' },
  authUsers: { env: 'SIP_AUTH_USERS_FILE', parse: usersFile, default: new Map<string, string>(), description: 'file of user:password lines for digest authentication' },
  authAlgorithms: { env: 'SIP_AUTH_ALGORITHMS', parse: algorithms, default: ['SHA-256', 'MD5'], description: 'digest algorithms offered, preferred first (SHA-256, MD5)' },
  rtpPortMin: { env: 'RTP_PORT_MIN', parse: int(1024, 65534), default: 20000, description: 'lowest RTP port (one even port per call)' },
  rtpPortMax: { env: 'RTP_PORT_MAX', parse: int(1025, 65535), default: 29999, description: 'highest RTP port' },
  maxCalls: { env: 'SIP_MAX_CALLS', parse: int(1, 100_000), default: 2000, description: 'live calls at once (more get 503)' },
  codecs: { env: 'SIP_CODECS', parse: codecList, default: ['PCMU', 'PCMA'], description: 'codecs taken, in our order of preference' },
  answerWaitMs: { env: 'SIP_ANSWER_WAIT_MS', parse: int(0, 30_000), default: 1500, description: 'longest wait for the greeting before the 200 OK' },
  mediaTimeoutMs: { env: 'SIP_MEDIA_TIMEOUT_MS', parse: int(1000, 3_600_000), default: 30_000, description: 'a call without RTP from the peer this long is ended (BYE)' },
  tcpMessageTimeoutMs: { env: 'SIP_TCP_MESSAGE_TIMEOUT_MS', parse: int(100, 600_000), default: 32_000, description: 'a SIP message begun over TCP but not complete this long closes its connection unanswered' },
  jitterMs: { env: 'SIP_JITTER_MS', parse: int(20, 1000), default: 60, description: 'how long a missing 20 ms frame is waited for before it is concealed' },
  maxPendingFrames: { env: 'SIP_MAX_PENDING_FRAMES', parse: int(1, 100_000), default: 250, description: 'frames queued per call while the gateway stream is flow-controlled' },
  forceRport: { env: 'SIP_FORCE_RPORT', parse: bool(), default: false, description: 'answer UDP requests to their source port even without rport (NATed trunks)' },
  t1Ms: { env: 'SIP_T1_MS', parse: int(50, 5000), default: 500, description: 'RFC 3261 T1 (retransmission base; all SIP timers scale with it)' },
  drainTimeoutMs: { env: 'SIP_DRAIN_TIMEOUT_MS', parse: int(0, 86_400_000), default: 300_000, description: 'after SIGTERM, how long live calls may go on before they are ended' },
  retryAfterS: { env: 'SIP_RETRY_AFTER_S', parse: int(1, 3600), default: 30, description: 'Retry-After of 503 answers (draining, capacity)' },
  transferUriTemplate: { env: 'SIP_TRANSFER_URI', parse: transferUri, default: 'sip:{queue}@agents.invalid', description: 'REFER target of a hand-off to a human ({queue} = queue name)' },
  logLevel: logLevelSpec,
};

export function loadSipIngressConfig(env: Env = process.env): SipIngressConfig {
  const config = loadConfig<SipIngressConfig>(spec, env);
  if ((config.authRealm === '') !== (config.authUsers.size === 0)) throw new SwitchboardError('CONFIG_INVALID', 'invalid configuration: SIP_AUTH_REALM and SIP_AUTH_USERS_FILE: set both (digest on) or neither');
  if (config.rtpPortMax <= config.rtpPortMin) throw new SwitchboardError('CONFIG_INVALID', 'invalid configuration: RTP_PORT_MAX: must be greater than RTP_PORT_MIN');
  return config;
}
