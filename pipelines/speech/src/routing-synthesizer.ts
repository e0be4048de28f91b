// Chooses the synthesizer by the request's language: Piper for "en", espeak-ng for "zh" by default.
import { SwitchboardError } from '@switchboard/runtime';
import type { Pcm16Audio, SpeechSynthesizer, SynthesisRequest } from './ports';

/** "zh-CN" → "zh", "EN" → "en". */
export function primaryLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

export class RoutingSynthesizer implements SpeechSynthesizer {
  readonly name: string;
  readonly languages: ReadonlySet<string>;
  private readonly routes = new Map<string, SpeechSynthesizer>();

  /** `engines` in order of preference: the first one that speaks a language gets it. */
  constructor(private readonly engines: readonly SpeechSynthesizer[]) {
    for (const engine of engines) {
      for (const language of engine.languages) if (!this.routes.has(language)) this.routes.set(language, engine);
    }
    this.languages = new Set(this.routes.keys());
    this.name = `routing(${[...this.routes].map(([l, e]) => `${l}:${e.name}`).join(',')})`;
  }

  /** The engine a language goes to, if any. */
  engineFor(language: string): SpeechSynthesizer | undefined {
    return this.routes.get(primaryLanguage(language));
  }

  synthesize(request: SynthesisRequest): Promise<Pcm16Audio> {
    const language = primaryLanguage(request.language);
    const engine = this.routes.get(language);
    if (engine === undefined) {
      return Promise.reject(new SwitchboardError('INVALID_ARGUMENT',
        `no synthesizer for language "${language}" (configured: ${[...this.languages].join(', ') || 'none'})`));
    }
    return engine.synthesize({ ...request, language });
  }

  /** Closes every engine once (an engine serving two languages is one engine). */
  async close(): Promise<void> {
    await Promise.all([...new Set(this.engines)].map((e) => e.close()));
  }
}
