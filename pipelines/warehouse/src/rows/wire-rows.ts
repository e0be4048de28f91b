// The hot path of the sink: an audio record value becomes its audio_chunks row straight from the
// wire bytes (wire-envelope.ts), as RowBinary (rowbinary.ts): the same column values envelopeRow()
// writes as TSV for the decoded envelope, without decoding, formatting or escaping anything.
// Audio is ~75 % of the events and ~95 % of the bytes; other kinds, the 'escaped' encoding (chdb),
// and any record this path does not fully accept go through the generated decoder instead.
import { Codec } from '@switchboard/contracts';
import { SCHEMA_VERSION } from '@switchboard/runtime';
import type { BytesEncoding } from '../clickhouse/clients';
import { codecName } from './enum-names';
import { occurredAtInRange } from './occurred-at';
import { beginRow, endRow } from './row-slab';
import { rowBinaryRoom, writeBytes, writeUInt32, writeUInt64 } from './rowbinary';
import type { TableRow } from './table-row';
import { TABLE_COLUMNS } from './tables';
import { AUDIO_FIELD, AudioChunkFields, EnvelopeFields, readAudioChunk, readEnvelope } from './wire-envelope';

const AUDIO_COLUMNS = TABLE_COLUMNS.audio_chunks.length;
const env = new EnvelopeFields();
const audio = new AudioChunkFields();

// The codec column for each code; a code this build does not know is kept as its number, as
// codecName() does for the generic path.
const CODEC_NAMES = new Map<number, Buffer>(
  Object.values(Codec).filter((v): v is Codec => typeof v === 'number').map((v) => [v, Buffer.from(codecName(v))]),
);
function codecBytes(codec: number): Buffer {
  return CODEC_NAMES.get(codec) ?? Buffer.from(String(codec));
}

/** The record key (text) equals the UTF-8 bytes value[start, end); ASCII is compared without decoding. */
function keyMatches(value: Buffer, start: number, end: number, key: string): boolean {
  const length = end - start;
  if (length === key.length) {
    let i = 0;
    for (; i < length; i++) {
      const b = value[start + i]!;
      if (b >= 0x80) break; // not ASCII: compare as decoded text below
      if (b !== key.charCodeAt(i)) return false;
    }
    if (i === length) return true;
  } else if (length < key.length) {
    return false; // UTF-8 never takes fewer bytes than UTF-16 code units
  }
  return value.toString('utf8', start, end) === key;
}

/**
 * The audio_chunks row of a valid audio envelope, or undefined for anything else (another payload
 * kind, an invalid envelope, anything unusual on the wire): the generic path decides those. The
 * checks are the generic path's: envelopeProblem(), key = conversation id, the time range.
 */
export function wireAudioRow(value: Buffer, key: string, ingestedAtMs: number, bytes: BytesEncoding): TableRow | undefined {
  if (bytes !== 'raw' || !readEnvelope(value, env) || env.payloadField !== AUDIO_FIELD) return undefined;
  if (env.eventIdEnd === env.eventIdStart || env.tenantIdEnd === env.tenantIdStart || env.conversationIdEnd === env.conversationIdStart) return undefined;
  if (env.schemaVersion === 0 || env.schemaVersion > SCHEMA_VERSION || !occurredAtInRange(env.occurredAtMs)) return undefined;
  if (!keyMatches(value, env.conversationIdStart, env.conversationIdEnd, key)) return undefined;
  if (!readAudioChunk(value, env.payloadStart, env.payloadEnd, audio)) return undefined;
  return {
    table: 'audio_chunks',
    eventId: value.toString('utf8', env.eventIdStart, env.eventIdEnd),
    occurredAtMs: env.occurredAtMs,
    line: audioRow(value, Math.max(0, ingestedAtMs)),
    format: 'RowBinary',
  };
}

/** The row in TABLE_COLUMNS.audio_chunks order; every value is within its column's range here. */
function audioRow(value: Buffer, ingestedAtMs: number): Buffer {
  const codec = codecBytes(audio.codec);
  const { buf, start } = beginRow(rowBinaryRoom(value.length + codec.length, AUDIO_COLUMNS));
  let o = writeBytes(buf, start, value, env.tenantIdStart, env.tenantIdEnd);
  o = writeBytes(buf, o, value, env.conversationIdStart, env.conversationIdEnd);
  o = writeBytes(buf, o, value, env.eventIdStart, env.eventIdEnd);
  o = writeUInt64(buf, o, env.occurredAtMs);
  o = writeBytes(buf, o, value, env.sourceStart, env.sourceEnd);
  o = writeUInt32(buf, o, env.schemaVersion);
  o = writeUInt64(buf, o, Math.min(Math.trunc(ingestedAtMs), Number.MAX_SAFE_INTEGER));
  o = writeBytes(buf, o, codec, 0, codec.length);
  o = writeUInt32(buf, o, audio.sampleRateHz);
  o = writeUInt32(buf, o, audio.channels);
  o = writeUInt64(buf, o, audio.firstSequence);
  o = writeUInt32(buf, o, audio.frameCount);
  o = writeUInt32(buf, o, audio.frameDurationMs);
  o = writeUInt32(buf, o, audio.payloadEnd - audio.payloadStart);
  o = writeBytes(buf, o, value, audio.payloadStart, audio.payloadEnd);
  return endRow(o);
}
