import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SCENARIO, parseArgs } from '../src/args';

test('defaults: the pack demo calls, 3 at a time, on servers', () => {
  assert.deepEqual(parseArgs([]), { calls: undefined, scenario: DEFAULT_SCENARIO, concurrent: 3, embedded: false, help: false });
  assert.match(DEFAULT_SCENARIO, /packs\/ecommerce\/demo-calls\.yaml$/);
});

test('options in both spellings', () => {
  assert.deepEqual(parseArgs(['--calls', '12', '--scenario=my.yaml', '--concurrent=6', '--embedded']),
    { calls: 12, scenario: 'my.yaml', concurrent: 6, embedded: true, help: false });
});

test('bad values name the option', () => {
  assert.throws(() => parseArgs(['--calls', '0']), /--calls must be a whole number from 1 to 200/);
  assert.throws(() => parseArgs(['--concurrent', 'lots']), /--concurrent must be a whole number from 1 to 50/);
  assert.throws(() => parseArgs(['--scenario']), /--scenario needs a value/);
  assert.throws(() => parseArgs(['--fast']), /unknown option --fast/);
});
