// The notation of the RFC 4475-style fixtures (test/fixtures/rfc4475/README.md): leading `#`
// lines are comments; every line break is CRLF on the wire; <hex>…</hex> holds raw octets
// (white space between pairs ignored); <repeat count=N>…</repeat> repeats its text N times;
// everything else is UTF-8. The file's last line break is significant (a body may end without one).
import { readFileSync } from 'node:fs';

const TOKEN = /<hex>([0-9a-fA-F\s]*)<\/hex>|<repeat count=(\d+)>([\s\S]*?)<\/repeat>/g;

export function decodeFixture(text: string): Buffer {
  // A checkout that turned line ends into CRLF changes nothing: a CR octet is always written <hex>0d</hex>.
  const lines = text.replaceAll('\r\n', '\n').split('\n');
  let first = 0;
  while (first < lines.length && lines[first]!.startsWith('#')) first++;
  const message = lines.slice(first).join('\n');
  const parts: Buffer[] = [];
  const wire = (s: string): Buffer => Buffer.from(s.replaceAll('\n', '\r\n'), 'utf8');
  let at = 0;
  for (const m of message.matchAll(TOKEN)) {
    parts.push(wire(message.slice(at, m.index)));
    if (m[1] !== undefined) {
      const hex = m[1].replace(/\s+/g, '');
      if (hex.length % 2 !== 0) throw new Error(`odd number of hex digits in <hex>${m[1]}</hex>`);
      parts.push(Buffer.from(hex, 'hex'));
    } else {
      parts.push(wire(m[3]!.repeat(Number(m[2]))));
    }
    at = m.index + m[0].length;
  }
  parts.push(wire(message.slice(at)));
  return Buffer.concat(parts);
}

export function readFixture(path: string): Buffer {
  return decodeFixture(readFileSync(path, 'utf8'));
}
