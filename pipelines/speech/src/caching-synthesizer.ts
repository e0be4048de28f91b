// Keeps the audio of fixed prompts (requests with a cacheKey) so a greeting is synthesized once,
// not once per call. Bounded by entries and by samples, least recently used out first; requests
// without a key pass straight through (their text may hold PII and is never kept).
import { createHash } from 'node:crypto';
import type { Pcm16Audio, SpeechSynthesizer, SynthesisRequest } from './ports';

export interface CachingSynthesizerOptions {
  /** Default 256 prompts. */
  readonly maxEntries?: number;
  /** Total samples kept, all entries together. Default 16M (32 MiB; ~35 min at 8 kHz). */
  readonly maxSamples?: number;
}

export interface CacheStats {
  readonly entries: number;
  readonly samples: number;
  readonly hits: number;
  readonly misses: number;
}

export class CachingSynthesizer implements SpeechSynthesizer {
  readonly name: string;
  readonly languages: ReadonlySet<string>;
  private readonly maxEntries: number;
  private readonly maxSamples: number;
  // Map iteration order is insertion order: re-inserting on a hit keeps the oldest first.
  private readonly entries = new Map<string, Promise<Pcm16Audio>>();
  private readonly sizes = new Map<string, number>();
  private samples = 0;
  private hits = 0;
  private misses = 0;

  constructor(private readonly inner: SpeechSynthesizer, options: CachingSynthesizerOptions = {}) {
    this.name = `cached(${inner.name})`;
    this.languages = inner.languages;
    this.maxEntries = options.maxEntries ?? 256;
    this.maxSamples = options.maxSamples ?? 16 * 1024 * 1024;
  }

  async synthesize(request: SynthesisRequest): Promise<Pcm16Audio> {
    if (request.cacheKey === undefined) return this.inner.synthesize(request);
    // The text is hashed into the key: an edited prompt under the same name is a new entry.
    const textHash = createHash('sha256').update(request.text).digest('base64url');
    const key = `${request.cacheKey}\u0000${request.language}\u0000${request.sampleRateHz}\u0000${textHash}`;
    let entry = this.entries.get(key);
    if (entry !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      this.misses++;
      // The promise is stored at once, so concurrent requests for one prompt share one synthesis.
      const pending = this.inner.synthesize(request);
      entry = pending;
      this.entries.set(key, pending);
      // Only this very promise is accounted or dropped: after clear() the key may hold a newer one.
      pending.then(
        (audio) => { if (this.entries.get(key) === pending) this.account(key, audio); },
        () => { if (this.entries.get(key) === pending) this.entries.delete(key); },
      );
    }
    const audio = await entry;
    // A copy: a caller that edits its samples must not change what the next caller hears.
    return { samples: audio.samples.slice(), sampleRateHz: audio.sampleRateHz };
  }

  stats(): CacheStats {
    return { entries: this.entries.size, samples: this.samples, hits: this.hits, misses: this.misses };
  }

  /** Empties the cache; the engine is not closed. */
  clear(): void {
    this.entries.clear();
    this.sizes.clear();
    this.samples = 0;
  }

  close(): Promise<void> {
    this.clear();
    return this.inner.close();
  }

  private account(key: string, audio: Pcm16Audio): void {
    this.sizes.set(key, audio.samples.length);
    this.samples += audio.samples.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.samples <= this.maxSamples) break;
      if (oldest === key && this.entries.size === 1) break; // one prompt larger than the budget stays
      this.evict(oldest);
    }
  }

  private evict(key: string): void {
    this.entries.delete(key);
    this.samples -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }
}
