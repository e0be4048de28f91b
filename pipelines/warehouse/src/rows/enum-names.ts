// Enum values as short lower-case names in the warehouse ('pcmu', 'caller_hangup'): readable in
// SQL, stable across regenerated code. A value this build does not know is kept as its number
// rather than rejected, so a newer producer never blocks the sink.
import { Codec, EndReason } from '@switchboard/contracts';

function enumName(names: Readonly<Record<number, string | undefined>>, prefix: string, value: number): string {
  const name = names[value];
  if (name === undefined || name === 'UNRECOGNIZED') return String(value);
  return name.startsWith(prefix) ? name.slice(prefix.length).toLowerCase() : name.toLowerCase();
}

export function codecName(value: Codec): string {
  return enumName(Codec, 'CODEC_', value);
}

export function endReasonName(value: EndReason): string {
  return enumName(EndReason, 'END_REASON_', value);
}
