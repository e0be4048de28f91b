import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger, parseLogLevel } from '../src/logger';

test('log lines are JSON, filtered by level, and PII-looking fields are redacted', () => {
  const lines: string[] = [];
  const log = createLogger('t', 'info', (l) => lines.push(l)).child({ callId: 'c-1' });
  log.debug('hidden');
  log.info('call started', { callerNumber: '+8613800000000', frames: 3, transcriptText: 'my card is 4111' });
  assert.equal(lines.length, 1);
  const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.equal(rec.msg, 'call started');
  assert.equal(rec.callId, 'c-1');
  assert.equal(rec.frames, 3);
  assert.equal(rec.callerNumber, '[redacted]');
  assert.equal(rec.transcriptText, '[redacted]');
  assert.doesNotMatch(lines[0]!, /8613800000000|4111/);
  log.info('x', { namespace: 'Consumer', customerName: 'Li Lei', name: 'Ann', tableName: 'audio_chunks' });
  const rec2 = JSON.parse(lines[1]!) as Record<string, unknown>;
  assert.deepEqual([rec2.namespace, rec2.customerName, rec2.name, rec2.tableName], ['Consumer', '[redacted]', '[redacted]', 'audio_chunks']);
});

test('LOG_LEVEL is validated', () => {
  assert.equal(parseLogLevel(undefined), 'info');
  assert.equal(parseLogLevel('warn'), 'warn');
  assert.throws(() => parseLogLevel('loud'), /LOG_LEVEL must be one of debug, info, warn, error/);
});
