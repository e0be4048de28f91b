// SIP benchmark: the ingress as its own process in front of a counting gateway, driven by sipp.
//  1. Call setups per second (INVITE → 200 → ACK → BYE → 200, no media) offered faster than
//     either side can take them, against the ingress and against sipp's own UAS (`-sn uas`) on
//     the same machine: the ratio is ingress ÷ sipp UAS.
//  2. For 100, 500 and 1,000 concurrent calls with RTP flowing (sipp rtp_stream, 20 ms µ-law, a
//     file whose every frame is identifiable): the setup rate while ramping up, the share of the
//     file's frames that reached the gateway intact, and the ingress's CPU per call.
//   npm run bench:sip [-- --levels 100,500,1000 --seconds 10 --setups 4000 --cpu-prof DIR]
// Ends with exactly one JSON line.
import { createSocket } from 'node:dgram';
import { runSipp, startSippUas } from '@switchboard/testkit';
import { scenario, writeAudioFile } from '../src/testing/sipp-scenarios';
import { benchAudio, startCountingGateway, type CountingGateway } from './lib/counting-gateway';
import { startIngressProcess, type IngressProcess } from './lib/ingress-process';

interface Args {
  readonly levels: readonly number[];
  readonly seconds: number;
  readonly setups: number;
  /** --cpu-prof DIR: a V8 CPU profile of the ingress (open in Chrome DevTools). */
  readonly cpuProfileDir: string | undefined;
}

interface Level {
  readonly calls: number;
  readonly setupsPerSec: number;
  readonly framesDeliveredPct: number;
  // Detail beside the keys.
  readonly cpuPctPerCall: number;
  readonly ingressCpuPct: number;
  readonly sippFailed: number;
  readonly framesConcealed: number;
  readonly rtpLate: number;
}

const SETUP_RATE = 2000;
const SETUP_CONCURRENCY = 200;
const RAMP_RATE = 1000;

function parseArgs(argv: readonly string[]): Args {
  const out: { levels: number[]; seconds: number; setups: number; cpuProfileDir: string | undefined } = { levels: [100, 500, 1000], seconds: 10, setups: 4000, cpuProfileDir: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--levels') out.levels = value.split(',').map(Number);
    else if (argv[i] === '--seconds') out.seconds = Number(value);
    else if (argv[i] === '--setups') out.setups = Number(value);
    else if (argv[i] === '--cpu-prof') out.cpuProfileDir = value;
    else throw new Error(`unknown argument ${argv[i]} (use --levels, --seconds, --setups, --cpu-prof)`);
  }
  if (out.levels.some((n) => !Number.isInteger(n) || n < 1) || !(out.seconds >= 1) || !(out.setups >= 100)) throw new Error('bad --levels, --seconds or --setups');
  return out;
}

/** A counter's value in Prometheus text (0 when absent). */
function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? 0 : Number(line.slice(name.length + 1));
}

const log = (m: string): void => { process.stderr.write(`${m}\n`); };
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** A socket where the bot's RTP would go (the counting gateway plays nothing; this only absorbs strays). */
async function sink(): Promise<{ port: number; close: () => void }> {
  const socket = createSocket('udp4');
  socket.on('message', () => undefined);
  await new Promise<void>((resolve) => { socket.bind(0, '127.0.0.1', resolve); });
  return { port: socket.address().port, close: () => { socket.close(); } };
}

async function setupRate(target: string, calls: number, counterPort: number): Promise<number> {
  const result = await runSipp({
    scenario: scenario('uac-setup.xml', { COUNTER_PORT: String(counterPort) }),
    target, transport: 'udp', calls, rate: SETUP_RATE, limit: SETUP_CONCURRENCY, timeoutS: 120,
  });
  if (result.failed > 0 || result.successful === 0) log(`  sipp: ${result.successful} ok, ${result.failed} failed\n${result.output.slice(-1500)}`);
  return result.successful / (result.elapsedMs / 1000);
}

async function level(calls: number, seconds: number, ingress: IngressProcess, gateway: CountingGateway, audioPath: string, counterPort: number): Promise<Level> {
  gateway.reset();
  const before = await ingress.metrics();
  const rampS = calls / RAMP_RATE;
  const cpuStart = ingress.cpuSeconds();
  const started = performance.now();
  const run = runSipp({
    scenario: scenario('uac-call.xml', { COUNTER_PORT: String(counterPort), AUDIO_FILE: audioPath, AUDIO_MS: String(seconds * 1000 + 500), DTMF: '', TAIL_MS: '0' }),
    target: ingress.target, transport: 'udp', calls, rate: RAMP_RATE, limit: calls, timeoutS: seconds + rampS + 60,
  });
  const result = await run;
  const wallS = (performance.now() - started) / 1000;
  const cpuS = ingress.cpuSeconds() - cpuStart;
  const afterRun = await ingress.metrics();
  const starts = gateway.starts;
  const setupsPerSec = starts.length > 1 ? (starts.length - 1) / ((starts.at(-1)! - starts[0]!) / 1000) : 0;
  const expected = calls * (seconds * 50);
  const cpuPct = (cpuS / wallS) * 100;
  return {
    calls,
    setupsPerSec: round(setupsPerSec),
    framesDeliveredPct: round((gateway.delivered() / expected) * 100, 3),
    cpuPctPerCall: round(cpuPct / calls, 4),
    ingressCpuPct: round(cpuPct),
    sippFailed: result.failed + Math.max(0, calls - result.successful - result.failed),
    framesConcealed: metric(afterRun, 'sip_frames_concealed_total') - metric(before, 'sip_frames_concealed_total'),
    rtpLate: metric(afterRun, 'sip_rtp_late_total') - metric(before, 'sip_rtp_late_total'),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const audio = benchAudio(args.seconds * 50);
  const audioPath = writeAudioFile(audio);
  const gateway = await startCountingGateway(audio);
  const counter = await sink();
  const maxCalls = Math.max(...args.levels);
  const ingress = await startIngressProcess(gateway.address, {
    SIP_ANSWER_WAIT_MS: '0', SIP_MAX_CALLS: String(maxCalls + SETUP_CONCURRENCY), RTP_PORT_MIN: '40000', RTP_PORT_MAX: String(40000 + 4 * (maxCalls + SETUP_CONCURRENCY)),
    SIP_MEDIA_TIMEOUT_MS: String((args.seconds + 30) * 1000),
  }, args.cpuProfileDir);
  const uas = await startSippUas();
  try {
    log(`setups: ${args.setups} calls offered at ${SETUP_RATE}/s, at most ${SETUP_CONCURRENCY} at once`);
    const sippUas = await setupRate(uas.target, args.setups, counter.port);
    log(`  sipp UAS   ${round(sippUas)} setups/s`);
    const ours = await setupRate(ingress.target, args.setups, counter.port);
    log(`  sip-ingress ${round(ours)} setups/s (ratio ${round(ours / sippUas, 3)})`);
    const levels: Level[] = [];
    for (const calls of args.levels) {
      log(`level ${calls} calls × ${args.seconds} s of RTP (ramp offered at ${RAMP_RATE}/s)`);
      const l = await level(calls, args.seconds, ingress, gateway, audioPath, counter.port);
      log(`  setups ${l.setupsPerSec}/s, frames delivered ${l.framesDeliveredPct} %, ingress CPU ${l.ingressCpuPct} % (${l.cpuPctPerCall} %/call), sipp failures ${l.sippFailed}, concealed ${l.framesConcealed}, late packets ${l.rtpLate}`);
      levels.push(l);
    }
    const health = await ingress.health();
    log(`after the run: ${JSON.stringify(health)}`);
    process.stdout.write(`${JSON.stringify({ levels, sippUasSetupsPerSec: round(sippUas), setupsPerSec: round(ours), ratio: round(ours / sippUas, 3) })}\n`);
  } finally {
    await uas.stop();
    await ingress.stop();
    await gateway.close();
    counter.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:sip failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
