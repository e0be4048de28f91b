// What of a ClickHouse failure may be logged. Server messages can quote the rejected input
// ("Cannot parse input … before: <row data>"), and rows carry PII, so a server error is logged as
// its code and type only; transport errors (refused, reset, timeout) carry no data and keep
// their message.
import { errorMessage } from '@switchboard/runtime';

export function clickHouseErrorText(err: unknown): string {
  if (err instanceof Error) {
    // Duck-typed: the HTTP client and chdb's connection each bring their own ClickHouseError class.
    const { code, type } = err as Error & { code?: unknown; type?: unknown };
    if (typeof code === 'string' && /^\d+$/.test(code)) {
      return `ClickHouse error ${code}${typeof type === 'string' && type !== '' ? ` (${type})` : ''}`;
    }
  }
  return errorMessage(err);
}
