// sipp (Debian sip-tester), the real SIP peer of the sip-ingress tests and benchmark: a run of
// one scenario against a target, on loopback only, every port chosen free, bounded by sipp's
// own global timeout and a kill from here. Fails loudly when sipp is missing or is a 3.7.0–3.7.2
// release (their pcap play crashes with more than one call and -mp is gone).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpTcpPorts } from './ports';
import { findBinary } from './prereqs';
import { spawnManaged, describeExit } from './processes';

export interface SippOptions {
  /** Scenario XML text (the caller fills its own placeholders). */
  readonly scenario: string;
  /** host:port of the system under test. */
  readonly target: string;
  readonly transport: 'udp' | 'tcp';
  /** Calls to place (-m). */
  readonly calls: number;
  /** Calls per second (-r), default 10. */
  readonly rate?: number;
  /** Simultaneous calls at most (-l). */
  readonly limit?: number;
  /** sipp keywords: `-key name value` → [name] in the scenario. */
  readonly keys?: Readonly<Record<string, string>>;
  /** sipp's global timeout; the run fails (exit 1) when it is reached. */
  readonly timeoutS: number;
  /** The service name ([service], the Request-URI user). */
  readonly service?: string;
  readonly extraArgs?: readonly string[];
}

export interface SippResult {
  /** 0: every call succeeded; 1: at least one failed; others: see sipp's documentation. */
  readonly code: number | null;
  readonly successful: number;
  readonly failed: number;
  /** sipp's screen and error log, for assertion messages. */
  readonly output: string;
  readonly elapsedMs: number;
  /** sipp's working directory (its logs; -trace_msg writes the message log there). */
  readonly dir: string;
}

let checkedVersion: string | undefined;

/** The sipp binary, after checking its version once. */
export function sippBinary(): string {
  const bin = findBinary('sipp', 'sip-tester');
  if (checkedVersion === undefined) {
    // sipp -v exits with a non-zero code; only its output matters.
    const run = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    const out = `${run.stdout}${run.stderr}`;
    const version = /SIPp v(\d+\.\d+\.\d+)/.exec(out)?.[1];
    if (version === undefined) throw new Error(`sipp -v printed no version: ${out.slice(0, 200)}`);
    if (/^3\.7\.[0-2]$/.test(version)) throw new Error(`sipp ${version} is not supported (pcap play with several calls crashes; use 3.6.x or >= 3.7.3)`);
    checkedVersion = version;
  }
  return bin;
}

/** Attempts when sipp cannot bind the ports it was given (taken between choosing and binding). */
const BIND_ATTEMPTS = 3;

export async function runSipp(options: SippOptions): Promise<SippResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await runSippOnce(options);
    if (attempt >= BIND_ATTEMPTS || !isBindFailure(result)) return result;
  }
}

/** sipp gave up before its first call because a port it was told to use was taken. */
function isBindFailure(result: SippResult): boolean {
  return result.code !== 0 && result.successful === 0 && result.failed === 0 && /Unable to bind|errno = 98/.test(result.output);
}

async function runSippOnce(options: SippOptions): Promise<SippResult> {
  const bin = sippBinary();
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const scenarioFile = join(dir, 'scenario.xml');
  writeFileSync(scenarioFile, options.scenario);
  const [sipPort, mediaPort, controlPort] = await freeUdpTcpPorts(3);
  const statFile = join(dir, 'stat.csv');
  const errorFile = join(dir, 'errors.log');
  const args = [
    options.target,
    '-sf', scenarioFile,
    '-t', options.transport === 'tcp' ? 't1' : 'u1',
    '-i', '127.0.0.1', '-p', String(sipPort),
    '-mi', '127.0.0.1', '-mp', String(mediaPort),
    '-ci', '127.0.0.1', '-cp', String(controlPort),
    '-m', String(options.calls),
    '-r', String(options.rate ?? 10),
    '-l', String(options.limit ?? options.calls),
    '-s', options.service ?? 'switchboard',
    '-timeout', `${options.timeoutS}s`, '-timeout_error',
    '-nostdin',
    '-trace_err', '-error_file', errorFile,
    '-trace_stat', '-stf', statFile, '-fd', '1',
    ...Object.entries(options.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
    ...(options.extraArgs ?? []),
  ];
  const outputFile = join(dir, 'sipp.out');
  const started = performance.now();
  const proc = spawnManaged(bin, args, { cwd: dir, outputFile });
  const killer = setTimeout(() => { void proc.stop('SIGKILL', 0); }, (options.timeoutS + 10) * 1000);
  const exit = await proc.exited;
  clearTimeout(killer);
  const elapsedMs = performance.now() - started;
  const output = [
    `sipp ${describeExit(exit)}`,
    existsSync(errorFile) ? readFileSync(errorFile, 'utf8').slice(-4000) : '',
    existsSync(outputFile) ? readFileSync(outputFile, 'utf8').slice(-4000) : '',
  ].join('\n');
  const { successful, failed } = readStats(statFile);
  return { code: exit.code, successful, failed, output, elapsedMs, dir };
}

/** The last row of sipp's -trace_stat CSV: cumulative successful and failed calls. */
function readStats(file: string): { successful: number; failed: number } {
  if (!existsSync(file)) return { successful: 0, failed: 0 };
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(';');
  const last = (lines.at(-1) ?? '').split(';');
  const column = (name: string): number => {
    const i = header.indexOf(name);
    return i < 0 ? 0 : Number(last[i] ?? 0);
  };
  return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)') };
}

export interface SippUas {
  /** host:port to send calls to. */
  readonly target: string;
  stop(): Promise<void>;
}

/** sipp's built-in UAS (`-sn uas`: 180, 200 with SDP, ACK, BYE → 200): the reference peer of bench:sip. */
export async function startSippUas(): Promise<SippUas> {
  const bin = sippBinary();
  const dir = mkdtempSync(join(tmpdir(), 'sipp-uas-'));
  const [sipPort, mediaPort, controlPort] = await freeUdpTcpPorts(3);
  const proc = spawnManaged(bin, [
    '-sn', 'uas', '-i', '127.0.0.1', '-p', String(sipPort), '-mi', '127.0.0.1', '-mp', String(mediaPort),
    '-ci', '127.0.0.1', '-cp', String(controlPort), '-nostdin',
  ], { cwd: dir, outputFile: join(dir, 'sipp.out') });
  return {
    target: `127.0.0.1:${sipPort}`,
    stop: async () => { await proc.stop('SIGTERM', 2000); },
  };
}
