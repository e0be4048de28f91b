// RFC 4475 torture messages, one fixture file per message (test/fixtures/rfc4475, written for
// Switchboard with each message's construct; see the README there), each sent to a fresh
// endpoint over real UDP and TCP sockets: the answer the RFC expects (or none, counted, where it
// says to discard), and no call, RTP port or connection left behind.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeFixture, readFixture } from '../helpers/fixture-notation';
import { RFC4475_EXPECTED } from '../helpers/rfc4475-expected';
import { startStubGateway } from '../helpers/stub-gateway';
import { sendTorture } from '../helpers/torture';

/** From dist/test/sip to the fixtures in the source tree. */
const FIXTURES = join(__dirname, '../../../test/fixtures/rfc4475');

void describe('RFC 4475 torture messages', () => {
  it('the fixtures are exactly the 49 messages of RFC 4475 §3, each with an expectation', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.sip')).map((f) => f.slice(0, -'.sip'.length)).sort();
    assert.deepEqual(files, Object.keys(RFC4475_EXPECTED).sort());
    assert.equal(files.length, 49);
  });

  it('the fixture notation: comments dropped, LF (or CRLF) → CRLF, <hex> octets, <repeat> runs, no line break added', () => {
    const bytes = decodeFixture('# a comment\n# another\nA <hex>00 7f</hex>\n<repeat count=3>ab</repeat>\n\nbody');
    assert.deepEqual(bytes, Buffer.concat([Buffer.from('A '), Buffer.from([0x00, 0x7f]), Buffer.from('\r\nababab\r\n\r\nbody')]));
    assert.deepEqual(decodeFixture('中\n'), Buffer.from('中\r\n', 'utf8'));
    assert.deepEqual(decodeFixture('# c\r\nA\r\n\r\n'), decodeFixture('# c\nA\n\n'), 'a CRLF checkout reads the same');
    assert.throws(() => decodeFixture('<hex>abc</hex>'), /odd number of hex digits/);
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`over ${transport.toUpperCase()}: every message gets the expected answer or none, and leaves nothing open`, async (t) => {
      const gateway = await startStubGateway(t);
      for (const [name, expected] of Object.entries(RFC4475_EXPECTED)) {
        await t.test(`${name} (§${expected.section})`, async () => {
          const problems = await sendTorture(readFixture(join(FIXTURES, `${name}.sip`)), expected[transport], transport, gateway.address);
          assert.deepEqual(problems, []);
        });
      }
      assert.equal(gateway.calls.length, 0, 'no torture message may open a gateway stream');
    });
  }
});
