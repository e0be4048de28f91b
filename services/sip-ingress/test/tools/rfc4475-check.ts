// Checks this endpoint against RFC 4475's own octets: `npm run torture:rfc4475 -- DIR`, where DIR
// holds the message files of the RFC's Appendix A archive (wsinv.dat …, extracted as the RFC
// describes). They are not kept in this repository; test/fixtures/rfc4475 holds our own messages
// with the same constructs. Prints one line per message and transport; exits 1 on any difference.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CleanupList } from '../helpers/cleanups';
import { RFC4475_EXPECTED, type Outcome } from '../helpers/rfc4475-expected';
import { startStubGateway } from '../helpers/stub-gateway';
import { sendTorture } from '../helpers/torture';

/**
 * A file without the empty line that ends a header section is, over a stream, a message that
 * never completes (RFC 3261 §18.3): the endpoint waits, then closes the connection.
 */
function outcomeOver(transport: 'udp' | 'tcp', outcome: Outcome, bytes: Buffer): Outcome {
  if (transport === 'tcp' && !bytes.includes('\r\n\r\n')) return { kind: 'close', reason: 'incomplete-message' };
  return outcome;
}

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: npm run torture:rfc4475 -- DIR  (DIR: the RFC 4475 message files, wsinv.dat …)');
    return 2;
  }
  const files = new Set(readdirSync(dir));
  const cleanups = new CleanupList();
  const gateway = await startStubGateway(cleanups);
  let failed = 0;
  try {
    for (const [name, expected] of Object.entries(RFC4475_EXPECTED)) {
      if (!files.has(`${name}.dat`)) {
        failed++;
        console.log(`${name.padEnd(11)} missing: ${name}.dat is not in ${dir}`);
        continue;
      }
      const bytes = readFileSync(join(dir, `${name}.dat`));
      for (const transport of ['udp', 'tcp'] as const) {
        if (transport === 'tcp' && expected.udpOnly === true) {
          console.log(`${name.padEnd(11)} §${expected.section.padEnd(8)} tcp not sent: the RFC defines this message for UDP`);
          continue;
        }
        const problems = await sendTorture(bytes, outcomeOver(transport, expected[transport], bytes), transport, gateway.address);
        if (problems.length > 0) failed++;
        console.log(`${name.padEnd(11)} §${expected.section.padEnd(8)} ${transport} ${problems.length === 0 ? 'as expected' : problems.join('; ')}`);
      }
    }
  } finally {
    await cleanups.run();
  }
  console.log(failed === 0 ? 'every message as expected' : `${failed} differences`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => { console.error(err); process.exitCode = 1; });
