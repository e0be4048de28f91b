// Envelope → one row of the table for its payload kind, fields in TABLE_COLUMNS order.
import type { Envelope } from '@switchboard/contracts';
import { payloadKind } from '@switchboard/runtime';
import type { BytesEncoding } from '../clickhouse/clients';
import { actionFields, flatJson } from './action-fields';
import { codecName, endReasonName } from './enum-names';
import type { TableRow } from './table-row';
import type { TableName } from './tables';
import { bool, bytesField, float, floatArray, int, intArray, row, stringArray, text, uint, type BytesField } from './tsv';

type Fields = Array<string | BytesField>;

function envelopeFields(env: Envelope, ingestedAtMs: number): Fields {
  return [
    text(env.tenantId),
    text(env.conversationId),
    text(env.eventId),
    uint(env.occurredAtMs),
    text(env.source),
    uint(env.schemaVersion, 32),
    uint(ingestedAtMs),
  ];
}

function sortedEntries(map: Readonly<Record<string, string>>): [string[], string[]] {
  const keys = Object.keys(map).sort();
  return [keys, keys.map((k) => map[k]!)];
}

/** The payload's table and its fields; undefined when the envelope has no payload. */
function payloadFields(env: Envelope): [TableName, Fields] | undefined {
  const kind = payloadKind(env);
  switch (kind) {
    case 'callStarted': {
      const p = env.callStarted!;
      const [keys, values] = sortedEntries(p.attributes);
      return ['call_events', ['started', text(p.callId), text(p.callerNumber), text(p.calleeNumber), text(codecName(p.codec)), uint(p.sampleRateHz, 32),
        text(p.channel), stringArray(keys), stringArray(values), '0', '', '', '0', '0', '0']];
    }
    case 'callAnswered':
      return ['call_events', ['answered', '', '', '', '', '0', '', '[]', '[]', uint(env.callAnswered!.answeredAtMs), '', '', '0', '0', '0']];
    case 'callEnded': {
      const p = env.callEnded!;
      return ['call_events', ['ended', '', '', '', '', '0', '', '[]', '[]', '0', text(endReasonName(p.reason)), text(p.detail), int(p.durationMs),
        uint(p.audioFrames), uint(p.dtmfDigits)]];
    }
    case 'audio': {
      const p = env.audio!;
      return ['audio_chunks', [text(codecName(p.codec)), uint(p.sampleRateHz, 32), uint(p.channels, 32), uint(p.firstSequence), uint(p.frameCount, 32),
        uint(p.frameDurationMs, 32), uint(p.payload.length, 32), bytesField(p.payload)]];
    }
    case 'dtmf': {
      const p = env.dtmf!;
      return ['dtmf_events', [text(p.digit), uint(p.durationMs, 32), uint(p.sequence)]];
    }
    case 'transcript': {
      const p = env.transcript!;
      return ['transcripts', [text(p.utteranceId), bool(p.isFinal), text(p.text), text(p.language), float(p.confidence), int(p.startMs), int(p.endMs),
        stringArray(p.words.map((w) => w.word)), intArray(p.words.map((w) => w.startMs)), intArray(p.words.map((w) => w.endMs)),
        floatArray(p.words.map((w) => w.confidence))]];
    }
    case 'intent': {
      const p = env.intent!;
      return ['intents', [text(p.utteranceId), text(p.name), float(p.confidence), bool(p.outOfScope), text(p.language),
        stringArray(p.slots.map((s) => s.name)), stringArray(p.slots.map((s) => s.value)), floatArray(p.slots.map((s) => s.confidence)),
        stringArray(p.alternatives.map((a) => a.name)), floatArray(p.alternatives.map((a) => a.confidence))]];
    }
    case 'emotion': {
      const p = env.emotion!;
      const pr = p.prosody;
      return ['emotions', [text(p.utteranceId), text(p.label), float(p.valence), float(p.arousal), float(p.textSentiment), bool(pr !== undefined),
        float(pr?.energyDb ?? 0), float(pr?.pitchMeanHz ?? 0), float(pr?.pitchRangeHz ?? 0), float(pr?.speakingRateSps ?? 0), float(pr?.pauseRatio ?? 0)]];
    }
    case 'action': {
      const p = env.action!;
      const f = actionFields(p);
      return ['actions', [text(p.actionId), text(f.kind), text(f.text), text(f.language), text(f.queue), text(f.reason), text(f.params)]];
    }
    case 'actionResult': {
      const p = env.actionResult!;
      return ['action_results', [text(p.actionId), text(p.actionKind), bool(p.success), text(p.failureReason), uint(p.latencyMs, 32), text(flatJson(p.output))]];
    }
    case undefined:
      return undefined;
  }
}

/** The row for a decoded, validated envelope (undefined only for an envelope without payload). */
export function envelopeRow(env: Envelope, ingestedAtMs: number, enc: BytesEncoding): TableRow | undefined {
  const payload = payloadFields(env);
  if (!payload) return undefined;
  const [table, fields] = payload;
  return { table, eventId: env.eventId, occurredAtMs: env.occurredAtMs, line: row([...envelopeFields(env, ingestedAtMs), ...fields], enc) };
}
