import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { loadPack, PackError } from '../../src';
import { ecommerce } from '../support/conversation';

// The smallest pack that loads; each test breaks one thing in a copy of it.
const MINI = `
pack: mini
version: 1
languages: [en, zh]
settings: { default_language: en, handoff_queue: q }
system_prompts: { greeting: hi, not_understood: [hi], anything_else: hi, how_can_i_help: hi, goodbye: hi, handoff: hi }
emotion: { soothe: hi }
slots: [order_number]
intents: { ask_order: main }
prompts:
  hi: { en: "Hi", zh: "你好" }
  ask: { en: "Number?", zh: "号码？" }
  confirm: { en: "Order {order_number}?", zh: "订单 {order_number}？" }
  done: { en: "It is {status}.", zh: "状态：{status}。" }
flows:
  main:
    steps:
      - ask: order_number
        prompts: [ask]
      - confirm: [confirm]
        on_deny: end
      - lookup: { connector: c, operation: o, params: { n: "{order_number}" } }
        outputs: [status]
        on_failure: handoff
      - say: done
`;

type Doc = Record<string, unknown>;
const at = (o: unknown, ...keys: (string | number)[]): Doc => keys.reduce<Doc>((x, k) => x[k] as Doc, o as Doc);

/** Loads MINI after `change` edited its parsed form; returns the problems (none if it loads). */
function problemsOf(change: (doc: Doc) => void): readonly string[] {
  const doc = parse(MINI) as Doc;
  change(doc);
  try {
    loadPack(stringify(doc), 'mini.yaml');
    return [];
  } catch (err) {
    assert.ok(err instanceof PackError, 'a PackError');
    assert.equal(err.code, 'CONFIG_INVALID');
    return err.problems;
  }
}

function assertOneProblem(change: (doc: Doc) => void, expected: RegExp): void {
  const problems = problemsOf(change);
  assert.equal(problems.length, 1, `exactly one problem, got: ${problems.join(' | ')}`);
  assert.match(problems[0]!, expected);
}

test('the minimal pack and the e-commerce pack load', () => {
  assert.deepEqual(problemsOf(() => undefined), []);
  const mini = loadPack(MINI);
  assert.equal(mini.settings.maxMisses, 3, 'defaults fill what the pack leaves out');
  assert.deepEqual([...mini.emotion.defaults.negativeLabels], ['angry', 'frustrated']);
  assert.equal(ecommerce.name, 'ecommerce');
  assert.deepEqual(ecommerce.languages, ['en', 'zh']);
  for (const intent of ['order_status', 'refund_request', 'delivery_problem', 'talk_to_human']) assert.ok(ecommerce.routes.has(intent), intent);
  assert.equal(ecommerce.emotion.tenants.get('premium_shop')?.handoffAfter, 1);
  assert.equal(ecommerce.emotion.tenants.get('premium_shop')?.window, 3, 'tenant thresholds inherit the rest');
});

test('fixed prompts get a cache id that changes with the text; prompts with placeholders get none', () => {
  const mini = loadPack(MINI);
  assert.match(mini.prompts.get('hi')?.texts.get('zh')?.cacheId ?? '', /^mini\/hi\/zh\/[0-9a-f]{12}$/);
  assert.equal(mini.prompts.get('confirm')?.texts.get('en')?.cacheId, '');
  const edited = loadPack(MINI.replace('"Hi"', '"Hello"'));
  assert.notEqual(edited.prompts.get('hi')?.texts.get('en')?.cacheId, mini.prompts.get('hi')?.texts.get('en')?.cacheId);
  assert.equal(edited.prompts.get('hi')?.texts.get('zh')?.cacheId, mini.prompts.get('hi')?.texts.get('zh')?.cacheId);
});

test('references to unknown flows, prompts and slots are errors at their path', () => {
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 1).on_deny = 'cancelled'; },
    /^flows\.main\.steps\[1\]\.on_deny \(line \d+\): unknown flow "cancelled"; flows in this pack: main$/);
  assertOneProblem((d) => { at(d, 'intents').ask_order = 'missing_flow'; }, /^intents\.ask_order .*unknown flow "missing_flow"/);
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 3).say = 'gone'; }, /^flows\.main\.steps\[3\]\.say .*unknown prompt "gone"/);
  assertOneProblem((d) => { at(d, 'system_prompts').not_understood = ['hi', 'nope']; }, /^system_prompts\.not_understood\[1\] .*unknown prompt "nope"/);
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 0).ask = 'colour'; }, /^flows\.main\.steps\[0\]\.ask .*unknown slot "colour"; declare it under slots: \(now order_number\)/);
});

test('placeholders must be slots or outputs of an earlier step of the same flow', () => {
  assertOneProblem((d) => { at(d, 'prompts', 'confirm').en = 'Colour {colour}?'; },
    /^flows\.main\.steps\[1\]\.confirm\[0\] .*prompt "confirm" uses \{colour\}, which is not a slot \(order_number\), nor an output of an earlier lookup or ticket step in flow "main"/);
  // {status} said before the lookup that provides it.
  assertOneProblem((d) => { (at(d, 'flows', 'main', 'steps') as unknown as unknown[]).unshift({ say: 'done' }); },
    /^flows\.main\.steps\[0\]\.say .*prompt "done" uses \{status\}/);
  assertOneProblem((d) => { at(d, 'system_prompts').goodbye = 'done'; }, /^system_prompts\.goodbye .*prompts said outside flows may only use slots/);
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 2, 'lookup', 'params').n = '{nothing}'; }, /^flows\.main\.steps\[2\]\.lookup\.params\.n .*this text uses \{nothing\}/);
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 2).outputs = ['status', 'order_number']; }, /steps\[2\]\.outputs.*output "order_number" has the name of a slot/);
});

test('prompts need a text in every pack language and well-formed placeholders', () => {
  assertOneProblem((d) => { delete at(d, 'prompts', 'ask').zh; }, /^prompts\.ask \(line \d+\): has no "zh" text \(every prompt needs one per pack language: en, zh\)$/);
  assertOneProblem((d) => { at(d, 'prompts', 'ask').en = 'Number {?'; }, /^prompts\.ask\.en .*"\{" at character 8 does not start a placeholder/);
  assertOneProblem((d) => { at(d, 'prompts', 'ask').fr = 'Numéro ?'; }, /^prompts\.ask\.fr .*unknown key "fr"; allowed here: en, zh, barge_in/);
  assertOneProblem((d) => { at(d, 'prompts', 'ask').en = 42; }, /^prompts\.ask\.en .*must be text \(put it in quotes\)/);
});

test('steps: unknown options, several kinds and missing parts are named precisely', () => {
  assertOneProblem((d) => { const s = at(d, 'flows', 'main', 'steps', 2); s.on_fail = s.on_failure; delete s.on_failure; },
    /^flows\.main\.steps\[2\]\.on_fail .*unknown key "on_fail"; allowed here: lookup, outputs, on_failure/);
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 3).ask = 'order_number'; },
    /^flows\.main\.steps\[3\] .*a step has exactly one of say, ask, confirm, lookup, ticket, handoff; this one has say and ask/);
  assertOneProblem((d) => { delete at(d, 'flows', 'main', 'steps', 1).on_deny; }, /^flows\.main\.steps\[1\] .*"on_deny" is missing/);
  assertOneProblem((d) => { delete at(d, 'flows', 'main', 'steps', 0).prompts; }, /^flows\.main\.steps\[0\] .*"prompts" is missing/);
  assertOneProblem((d) => { (at(d, 'flows', 'main', 'steps') as unknown as unknown[]).push({ wait: 5 }); }, /^flows\.main\.steps\[4\] .*a step needs one of: say, ask/);
  assertOneProblem((d) => { at(d, 'flows').end = { steps: [{ say: 'hi' }] }; }, /^flows\.end .*"end" is reserved/);
  assertOneProblem((d) => { at(d, 'flows').Main = { steps: [{ say: 'hi' }] }; }, /^flows\.Main .*flow name "Main" must be a lowercase name/);
});

test('connector steps: optional outputs, failure branches by reason; say steps with alternatives', () => {
  const mini = loadPack(MINI.replace('outputs: [status]', 'outputs: [status, eta?]').replace('on_failure: handoff', 'on_failure: { not_found: end, other: handoff }'));
  const lookup = mini.flows.get('main')?.steps[2];
  assert.ok(lookup?.kind === 'lookup');
  assert.deepEqual(lookup.outputs, [{ name: 'status', required: true }, { name: 'eta', required: false }]);
  assert.deepEqual([...lookup.onFailure.byReason], [['not_found', { kind: 'end' }]]);
  assert.deepEqual(lookup.onFailure.other, { kind: 'handoff' });
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 2).on_failure = { not_found: 'retry_flow' }; }, /^flows\.main\.steps\[2\]\.on_failure\.not_found .*unknown flow "retry_flow"/);
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 2).outputs = ['status', 'Eta?']; }, /^flows\.main\.steps\[2\]\.outputs\[1\] .*"Eta" must be a lowercase name/);
  assertOneProblem((d) => { at(d, 'flows', 'main', 'steps', 3).say = ['done', 'nope']; }, /^flows\.main\.steps\[3\]\.say\[1\] .*unknown prompt "nope"/);
});

test('settings and emotion thresholds are range-checked', () => {
  assertOneProblem((d) => { at(d, 'settings').default_language = 'fr'; }, /^settings\.default_language .*"fr" is not one of the pack's languages \(en, zh\)/);
  assertOneProblem((d) => { at(d, 'settings').min_confidence = 1.5; }, /^settings\.min_confidence .*must be between 0 and 1, not 1.5/);
  assertOneProblem((d) => { at(d, 'emotion').window = 2; at(d, 'emotion').handoff_after = 3; }, /^emotion\.handoff_after .*3 negative utterances can never fit in a window of 2/);
  assertOneProblem((d) => { at(d, 'emotion').tenants = { acme: { window: 20 } }; }, /^emotion\.tenants\.acme\.window .*must be between 1 and 10, not 20/);
  assertOneProblem((d) => { d.flow = {}; }, /^flow .*unknown key "flow"; allowed here: pack, version/);
});

test('every problem is reported at once, with the line it is on', () => {
  const broken = MINI
    .replace('on_deny: end', 'on_deny: nowhere') // line 21
    .replace('- say: done', '- say: missing'); // line 25
  try {
    loadPack(broken, 'broken.yaml');
    assert.fail('should not load');
  } catch (err) {
    assert.ok(err instanceof PackError);
    assert.deepEqual(err.problems, [
      'flows.main.steps[1].on_deny (line 21): unknown flow "nowhere"; flows in this pack: main',
      'flows.main.steps[3].say (line 25): unknown prompt "missing"; add it under prompts:',
    ]);
    assert.match(err.message, /^pack broken\.yaml is invalid \(2 problems\):\n {2}- flows\.main/);
  }
});

test('YAML syntax errors and duplicate keys are reported before anything else', () => {
  assert.throws(() => loadPack('pack: [unclosed', 'x.yaml'), (err: unknown) => err instanceof PackError && /YAML syntax/.test(err.problems[0] ?? ''));
  assert.throws(() => loadPack(`${MINI}\npack: again\n`, 'x.yaml'), (err: unknown) => err instanceof PackError && /YAML syntax: Map keys must be unique/.test(err.problems[0] ?? ''));
  assert.throws(() => loadPack('- just a list', 'x.yaml'), (err: unknown) => err instanceof PackError && err.problems[0] === '(top level) (line 1): must be a mapping of keys to values');
});
