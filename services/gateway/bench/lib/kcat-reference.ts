// The reference: kcat (librdkafka, C) producing the very same audio records — same keys, same
// value bytes, same count — to the same broker, as fast as it can, with the same delivery
// settings as the gateway's producer (idempotent, acks=all, a few ms of linger, murmur2 keys).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawRecord } from './kafka-audit';
import { createTopic, topicRecordCount } from './kafka-audit';

export function assertKcatInstalled(): void {
  const r = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error('kcat is not installed (Debian package "kcat"; scripts/bootstrap.sh installs it): the reference measurement needs it');
  }
}

/**
 * A delimiter that occurs in none of the records (random, then checked). It never holds a zero
 * byte: kcat unescapes -K/-D into a C string, so a \x00 cut the delimiter short, and the file was
 * split at the shorter prefix (seen: 100,001 and 824,467 records delivered for 100,000).
 */
function delimiterFor(records: readonly RawRecord[], bytes: number): Buffer {
  for (;;) {
    const d = randomBytes(bytes);
    if (d.includes(0)) continue;
    if (records.every((r) => r.value.indexOf(d) === -1 && r.key.indexOf(d) === -1)) return d;
  }
}

const escape = (b: Buffer): string => [...b].map((x) => `\\x${x.toString(16).padStart(2, '0')}`).join('');

export interface KcatResult {
  readonly records: number;
  readonly elapsedMs: number;
}

export async function runKcatReference(brokers: readonly string[], topic: string, partitions: number, records: readonly RawRecord[]): Promise<KcatResult> {
  await createTopic(brokers, topic, partitions);
  const keyDelim = delimiterFor(records, 8);
  const msgDelim = delimiterFor(records, 16);
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-kcat-'));
  try {
    const file = join(dir, 'records.bin');
    const parts: Buffer[] = [];
    for (const r of records) parts.push(r.key, keyDelim, r.value, msgDelim);
    writeFileSync(file, Buffer.concat(parts));
    const args = [
      '-P', '-q', '-b', brokers.join(','), '-t', topic, '-K', escape(keyDelim), '-D', escape(msgDelim), '-l',
      '-X', 'acks=all', '-X', 'enable.idempotence=true', '-X', 'linger.ms=5', '-X', 'partitioner=murmur2_random',
      file,
    ];
    const started = performance.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('kcat', args, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (c) => { resolve(c); });
    });
    const elapsedMs = performance.now() - started;
    if (code !== 0) throw new Error(`kcat exited with code ${code}`);
    const delivered = await topicRecordCount(brokers, topic);
    if (delivered !== records.length) throw new Error(`kcat delivered ${delivered} of ${records.length} records`);
    return { records: delivered, elapsedMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
