import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireEnv, uniqueName } from '../src/test-env';

void describe('requireEnv', () => {
  void it('throws a message that names the variable and how to run the tests', () => {
    const name = 'SB_TESTKIT_UNSET_VARIABLE';
    Reflect.deleteProperty(process.env, name);
    assert.throws(() => requireEnv(name), {
      message: 'SB_TESTKIT_UNSET_VARIABLE is not set: integration tests need the harness; run them with npm test',
    });
    process.env[name] = '   ';
    assert.throws(() => requireEnv(name), /is not set/);
    Reflect.deleteProperty(process.env, name);
  });

  void it('returns the value when set', () => {
    process.env.SB_TESTKIT_SET_VARIABLE = 'x:1';
    assert.equal(requireEnv('SB_TESTKIT_SET_VARIABLE'), 'x:1');
    delete process.env.SB_TESTKIT_SET_VARIABLE;
  });
});

void describe('uniqueName', () => {
  void it('keeps the prefix and adds a random [a-z0-9] suffix', () => {
    assert.match(uniqueName('orders'), /^orders_[a-z0-9]{8}$/);
  });

  void it('is safe for Kafka topics, consumer groups and ClickHouse databases', () => {
    for (const prefix of ['Orders-Topic.v1', '9lives', '', 'a b/c', 'x___']) {
      const name = uniqueName(prefix);
      assert.match(name, /^[a-z][a-z0-9_]*$/, `${prefix} → ${name}`);
      assert.ok(name.length <= 120);
    }
    assert.match(uniqueName('Orders-Topic.v1'), /^orders_topic_v1_[a-z0-9]{8}$/);
  });

  void it('does not repeat', () => {
    const names = new Set(Array.from({ length: 2000 }, () => uniqueName('t')));
    assert.equal(names.size, 2000);
  });
});
