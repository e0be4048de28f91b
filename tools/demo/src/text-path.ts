// The text path for calls in a language the installed recognizer cannot transcribe (Chinese here:
// no registry package ships usable Chinese ASR weights). The caller's audio still flows through
// the gateway like any call's; their words also enter as a final transcript, the way a chat
// channel's messages do, with the prosody measured on the audio they spoke, so NLU, emotion,
// dialogue and actions handle the call exactly as they would with a Chinese engine installed.
import type { SpokenUtterance } from '@switchboard/caller';
import { measureProsody } from '@switchboard/emotion';
import { encodeEnvelope, newEnvelope, type Bus, type Producer, type TopicNames } from '@switchboard/runtime';

export const TEXT_PATH_SOURCE = 'text-path';

export class TextPath {
  private constructor(private readonly producer: Producer, private readonly topics: TopicNames) {}

  static async open(bus: Bus, topics: TopicNames): Promise<TextPath> {
    return new TextPath(await bus.createProducer(), topics);
  }

  async publish(u: SpokenUtterance): Promise<void> {
    const env = newEnvelope({ tenantId: u.tenantId, conversationId: u.conversationId, source: TEXT_PATH_SOURCE }, 'transcript', {
      utteranceId: u.utteranceId, isFinal: true, text: u.text, language: u.language, confidence: 1,
      startMs: u.startMs, endMs: u.endMs, words: [], prosody: measureProsody({ samples: u.audio, sampleRateHz: 8000 }),
    });
    await this.producer.send([{ topic: this.topics.transcripts, key: u.conversationId, value: encodeEnvelope(env) }]);
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
