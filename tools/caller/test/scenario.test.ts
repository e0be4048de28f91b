import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { findRepoRoot } from '@switchboard/testkit';
import { loadScenario, parseScenario, ScenarioError } from '../src/scenario';

const DEMO_CALLS = join(findRepoRoot(), 'packs', 'ecommerce', 'demo-calls.yaml');

test('the demo calls: at least 6, English and Chinese, an angry caller, a barge-in, expectations', () => {
  const calls = loadScenario(DEMO_CALLS);
  assert.ok(calls.length >= 6);
  assert.deepEqual([...new Set(calls.map((c) => c.language))].sort(), ['en', 'zh']);
  assert.ok(calls.some((c) => c.voice === 'angry' && c.expect.handoff === true));
  assert.ok(calls.some((c) => c.turns.some((t) => t.kind === 'say' && t.overBot)));
  assert.ok(calls.some((c) => c.turns.filter((t) => t.kind === 'say').length >= 4), 'a call over several turns');
  assert.ok(calls.every((c) => c.expect.intent !== undefined));
});

test('turns: a sentence, a barge-in or key presses; defaults for voice and tenant', () => {
  const [call] = parseScenario('calls:\n  - name: x\n    language: zh\n    turns:\n      - 你好\n      - { say: "stop", over_bot: true }\n      - { dtmf: "12#" }\n');
  assert.deepEqual(call, {
    name: 'x', language: 'zh', voice: 'calm', tenant: 'demo-shop', expect: {},
    turns: [{ kind: 'say', text: '你好', overBot: false }, { kind: 'say', text: 'stop', overBot: true }, { kind: 'dtmf', digits: '12#' }],
  });
});

test('every problem is named by its place; YAML errors by line', () => {
  const bad = [
    'calls:',
    '  - name: ""',
    '    language: fr',
    '    voice: shouty',
    '    turns: []',
    '  - name: ok',
    '    language: en',
    '    turns: [{ dtmf: "12x" }, { say: hi, dtmf: "1" }]',
    '    expect: { handoff: maybe, mood: x }',
  ].join('\n');
  assert.throws(() => parseScenario(bad, 'bad.yaml'), (err: unknown) => {
    assert.ok(err instanceof ScenarioError);
    assert.deepEqual(err.problems, [
      'calls[0].name: required, a short title',
      'calls[0].language: one of en, zh',
      'calls[0].voice: one of calm, angry',
      'calls[0].turns: a list of at least one turn',
      'calls[1].turns[0].dtmf: 1 to 32 keys of 0-9 * # A-D, in quotes',
      'calls[1].turns[1]: a turn either says something or presses keys, not both',
      'calls[1].expect.mood: unknown key (allowed: intent, handoff)',
      'calls[1].expect.handoff: true or false',
    ]);
    return true;
  });
  assert.throws(() => parseScenario('calls: [\n', 'broken.yaml'), /broken\.yaml is invalid:\n {2}- line \d+, column \d+: not valid YAML/);
  assert.throws(() => loadScenario('/nonexistent.yaml'), /cannot read the file \(ENOENT\)/);
});
