import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPack, parsePack } from '../../src/pack/load-pack';
import { PackInvalidError } from '../../src/pack/problems';
import { ECOMMERCE_PACK_PATH } from '../fixtures';

test('the e-commerce pack loads with its intents, slots and at least 30 examples per intent and language', () => {
  const pack = loadPack(ECOMMERCE_PACK_PATH);
  assert.deepEqual(pack.languages, ['en', 'zh']);
  const names = pack.intents.map((i) => i.name);
  for (const required of ['order_status', 'refund_request', 'delivery_problem', 'talk_to_human', 'affirm', 'deny']) assert.ok(names.includes(required), required);
  for (const intent of pack.intents) {
    for (const language of pack.languages) assert.ok((intent.examples[language]?.length ?? 0) >= 30, `${intent.name}.${language}`);
  }
  for (const language of pack.languages) assert.ok((pack.outOfScope[language]?.length ?? 0) >= 40, `out_of_scope.${language}`);
  assert.deepEqual(pack.slots.map((s) => s.name), ['order_number', 'phone_number', 'date_time', 'device_model']);
});

test('YAML syntax errors give line and column, without quoting the source', () => {
  const yaml = 'version: 1\nintents:\n  greet: [hello there, "unclosed\n';
  assert.throws(() => parsePack(yaml, 'broken.yaml'), (err: unknown) => {
    assert.ok(err instanceof PackInvalidError);
    assert.match(err.problems[0] ?? '', /^line \d+, column \d+: not valid YAML \([A-Z_]+\)$/);
    assert.doesNotMatch(err.message, /hello there/);
    return true;
  });
});

test('duplicate keys are YAML errors, not silently merged', () => {
  assert.throws(() => parsePack('version: 1\nversion: 1\n'), (err: unknown) => err instanceof PackInvalidError && /DUPLICATE_KEY/.test(err.message));
});

test('a missing file is reported with its path and the reason', () => {
  assert.throws(() => loadPack('/nonexistent/nlu.yaml'), (err: unknown) => err instanceof PackInvalidError && err.message === 'invalid knowledge pack /nonexistent/nlu.yaml: cannot read the file (ENOENT)');
});
