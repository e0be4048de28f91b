// Reading a webhook's answer: a bounded body, JSON string fields as output, and the failure
// reason each non-retryable status stands for.
import { failed, isFailureReason, succeeded, type ConnectorOutcome, type FailureReason } from '../connector';

/** The body as text, or undefined when it exceeds maxBytes (a misbehaving endpoint must not exhaust memory). */
export async function readBodyCapped(res: Response, maxBytes: number): Promise<string | undefined> {
  if (res.body === null) return '';
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A 2xx body as an outcome. An empty body is a success without output. A JSON object's string
 * fields become the output (other value types are left out: the output map holds strings). An
 * endpoint can report a business failure in a 2xx as `{"success": false, "failureReason": "rejected"}`;
 * an unknown reason reads as `rejected`.
 */
export function outcomeFromBody(text: string): ConnectorOutcome {
  if (text.trim() === '') return succeeded({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return failed('bad_response');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return failed('bad_response');
  const output: Record<string, string> = {};
  let success = true;
  let reason: FailureReason = 'rejected';
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === 'success' && value === false) success = false;
    else if (key === 'failureReason' && typeof value === 'string') {
      if (isFailureReason(value)) reason = value;
    } else if (typeof value === 'string') output[key] = value;
  }
  return success ? succeeded(output) : failed(reason, output);
}

/** The reason a final (non-retryable) non-2xx status stands for. */
export function reasonForStatus(status: number): FailureReason {
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 410) return 'not_found';
  // A redirect is not followed: re-sending a POST elsewhere is not ours to decide.
  if (status >= 300 && status < 400) return 'bad_response';
  return 'rejected';
}
