// Mandarin synthesis with espeak-ng's `cmn-latn-pinyin` voice. Checked with espeak-ng 1.51
// (Debian 12): it takes Chinese characters directly (its dictionary turns them into pinyin with
// tones and speaks that as Mandarin; numbered pinyin such as "ni3 hao3" gives the same phonemes),
// while the plain `cmn`/`zh` voice speaks that intermediate pinyin with English sounds. Digits
// are read as Chinese numerals; runs of capital Latin letters are spelled in English.
// The text goes in on stdin (never argv, where any user could read it in the process list); the
// 22050 Hz WAV comes back on stdout and is resampled to the requested rate here.
import { spawn } from 'node:child_process';
import { SwitchboardError } from '@switchboard/runtime';
import { resamplePcm16 } from '../audio/resample';
import { parseWav } from '../audio/wav';
import type { Pcm16Audio, SpeechSynthesizer, SynthesisRequest } from '../ports';
import { checkRequest } from '../request-checks';
import { SPEECH_SETUP_COMMAND } from '../worker/paths';

export interface EspeakSynthesizerOptions {
  /** Default "espeak-ng" (from PATH). */
  readonly command?: string;
  /** Default "cmn-latn-pinyin". */
  readonly voice?: string;
  /** Default ["zh"]. */
  readonly languages?: Iterable<string>;
  /** Words per minute (espeak's -s); default espeak's own (175). */
  readonly speedWpm?: number;
  /** Kills a run that takes longer. Default 10000. */
  readonly timeoutMs?: number;
  /** Longest text accepted, in characters. Default 2000. */
  readonly maxTextChars?: number;
}

export class EspeakSynthesizer implements SpeechSynthesizer {
  readonly name = 'espeak-ng';
  readonly languages: ReadonlySet<string>;
  private readonly command: string;
  private readonly args: readonly string[];
  private readonly timeoutMs: number;
  private readonly maxTextChars: number;
  private closed = false;

  constructor(options: EspeakSynthesizerOptions = {}) {
    this.command = options.command ?? 'espeak-ng';
    this.languages = new Set(options.languages ?? ['zh']);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxTextChars = options.maxTextChars ?? 2000;
    // -b 1: the input is UTF-8; --stdin: read all of it at once (not line by line).
    const args = ['-v', options.voice ?? 'cmn-latn-pinyin', '-b', '1', '--stdin', '--stdout'];
    if (options.speedWpm !== undefined) args.push('-s', String(options.speedWpm));
    this.args = args;
  }

  async synthesize(request: SynthesisRequest): Promise<Pcm16Audio> {
    checkRequest(this.name, this.closed, this.languages, request.language, request.sampleRateHz);
    const chars = Array.from(request.text).length; // code points: a Chinese character counts once
    if (request.text.trim() === '' || chars > this.maxTextChars) {
      throw new SwitchboardError('INVALID_ARGUMENT', `${this.name}: text must be 1..${this.maxTextChars} characters`);
    }
    const wav = await this.run(request.text);
    const native = parseWav(wav);
    const samples = resamplePcm16(native.samples, native.sampleRateHz, request.sampleRateHz);
    return { samples, sampleRateHz: request.sampleRateHz };
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private run(text: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, this.args, { stdio: ['pipe', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, this.timeoutMs);
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stdin.on('error', () => undefined); // EPIPE if it died early: reported by 'close'
      child.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(err.code === 'ENOENT'
          ? new SwitchboardError('FAILED_PRECONDITION', `${this.command} is not installed. Run: ${SPEECH_SETUP_COMMAND}`)
          : new SwitchboardError('UNAVAILABLE', `${this.command} could not be started (${err.code ?? 'error'})`));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (timedOut) reject(new SwitchboardError('DEADLINE_EXCEEDED', `${this.command} took longer than ${this.timeoutMs} ms`));
        else if (code !== 0) reject(new SwitchboardError('UNAVAILABLE', `${this.command} failed (${signal ?? `exit code ${code ?? 'unknown'}`})`));
        else resolve(Buffer.concat(chunks));
      });
      child.stdin.end(text, 'utf8');
    });
  }
}
