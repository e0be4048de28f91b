// The gateway's barge-in judge on real speech (espeak-ng, 8 kHz, through the call's codec): a
// short "yeah" while the bot talks is a backchannel, a sentence is a barge-in, and nothing is
// judged while the bot is silent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec } from '@switchboard/contracts';
import { EspeakSynthesizer, encodeALaw, encodeMuLaw, noise } from '@switchboard/speech';
import { mediaFormatOf } from '../../src/call/media-format';
import { DetectorBargeInJudge } from '../../src/playback/barge-in-judge';

const voice = new EspeakSynthesizer({ voice: 'en-us', languages: ['en'] });

async function callerAudio(text: string): Promise<Int16Array> {
  const speech = (await voice.synthesize({ text, language: 'en', sampleRateHz: 8000 })).samples;
  const out = new Int16Array(8000 + speech.length + 8000); // 1 s of quiet line on each side
  out.set(noise(8000, 40, 1));
  out.set(speech, 8000);
  out.set(noise(8000, 40, 2), 8000 + speech.length);
  return out;
}

function judge(pcm: Int16Array, codec: Codec, botSpeaking: boolean): string[] {
  const format = mediaFormatOf(codec, 8000);
  const j = new DetectorBargeInJudge(format);
  const encode = codec === Codec.CODEC_PCMA ? encodeALaw : encodeMuLaw;
  const verdicts: string[] = [];
  for (let i = 0; i + 160 <= pcm.length; i += 160) {
    const v = j.push(encode(pcm.subarray(i, i + 160)), botSpeaking);
    if (v) verdicts.push(v);
  }
  return verdicts;
}

test('"Yeah." over the bot is a backchannel; a sentence is one barge-in (µ-law and A-law)', async () => {
  const yeah = await callerAudio('Yeah.');
  const sentence = await callerAudio('No, stop, that is not what I asked for.');
  for (const codec of [Codec.CODEC_PCMU, Codec.CODEC_PCMA]) {
    assert.deepEqual(judge(yeah, codec, true), ['backchannel'], Codec[codec]);
    // "No," and "stop," are short words of their own; the sustained speech after them interrupts once.
    const verdicts = judge(sentence, codec, true);
    assert.equal(verdicts.filter((v) => v === 'barge-in').length, 1, Codec[codec]);
    assert.equal(verdicts.at(-1), 'barge-in');
    assert.deepEqual(judge(sentence, codec, false), [], 'the caller simply talks when the bot is silent');
  }
});
