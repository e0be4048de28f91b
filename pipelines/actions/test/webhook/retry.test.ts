import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, retryDelayMs } from '../../src/webhook/retry';

const timing = { backoffBaseMs: 200, backoffMaxMs: 1000, retryAfterCapMs: 3000 };

test('backoff doubles per attempt up to the maximum; jitter spans the upper half of the step', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, timing, () => 0)), [100, 200, 400, 500, 500]);
  assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelayMs(n, timing, () => 0.999_999)), [200, 400, 800, 1000]);
});

test('Retry-After: delta-seconds, an HTTP date, or nothing usable', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  assert.equal(parseRetryAfterMs('7', now), 7000);
  assert.equal(parseRetryAfterMs(' 0 ', now), 0);
  assert.equal(parseRetryAfterMs('Wed, 25 Nov 2026 10:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfterMs('Wed, 25 Nov 2026 09:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(parseRetryAfterMs('soon', now), undefined);
  assert.equal(parseRetryAfterMs(null, now), undefined);
});

test('the retry wait is at least the backoff and at least Retry-After, which is capped', () => {
  assert.equal(retryDelayMs(1, undefined, timing, () => 0), 100);
  assert.equal(retryDelayMs(1, 50, timing, () => 0), 100, 'a shorter Retry-After does not shorten the backoff');
  assert.equal(retryDelayMs(1, 2500, timing, () => 0), 2500);
  assert.equal(retryDelayMs(1, 60_000, timing, () => 0), 3000);
});

test('retryable statuses: 408, 429 and 5xx only', () => {
  assert.deepEqual([200, 400, 404, 408, 409, 429, 500, 503, 599].filter(isRetryableStatus), [408, 429, 500, 503, 599]);
});
