// Request checks shared by the engine adapters, so each fails the same clear way.
import { SwitchboardError } from '@switchboard/runtime';

/** Checks every adapter makes before calling its engine: closed, unknown language, bad rate. */
export function checkRequest(engine: string, closed: boolean, languages: ReadonlySet<string>, language: string, sampleRateHz: number): void {
  if (closed) throw new SwitchboardError('FAILED_PRECONDITION', `${engine}: closed`);
  if (!languages.has(language)) {
    throw new SwitchboardError('INVALID_ARGUMENT', `${engine} is not used for language "${language}" (it serves: ${[...languages].join(', ') || 'none'})`);
  }
  if (!Number.isInteger(sampleRateHz) || sampleRateHz < 8000 || sampleRateHz > 48000) {
    throw new SwitchboardError('INVALID_ARGUMENT', `${engine}: sample rate must be an integer 8000..48000 Hz`);
  }
}
