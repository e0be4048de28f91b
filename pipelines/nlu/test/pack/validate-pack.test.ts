import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PackInvalidError } from '../../src/pack/problems';
import { validatePack } from '../../src/pack/validate-pack';
import { at, minimalPackDocument } from '../fixtures';

/** The problems validatePack reports for a document (fails the test if it passes). */
function problemsOf(doc: unknown): readonly string[] {
  try {
    validatePack(doc, 'test.yaml');
  } catch (err) {
    assert.ok(err instanceof PackInvalidError, 'a PackInvalidError');
    assert.equal(err.code, 'CONFIG_INVALID');
    return err.problems;
  }
  assert.fail('the pack was accepted');
}

test('the minimal document is valid and becomes a typed pack', () => {
  const pack = validatePack(minimalPackDocument(), 'test.yaml');
  assert.deepEqual(pack.languages, ['en', 'zh']);
  assert.deepEqual(pack.intents.map((i) => i.name), ['check_balance', 'top_up']);
  assert.equal(pack.intents[1]?.description, '');
  assert.equal(pack.outOfScope.zh?.length, 10);
  assert.deepEqual(pack.slots.map((s) => `${s.name}:${s.type}`), ['member_number:digits', 'when:date_time', 'plan:catalogue']);
  const member = pack.slots[0];
  assert.ok(member?.type === 'digits');
  assert.deepEqual(member.formats, [{ minDigits: 6, maxDigits: 6, startsWith: '', prefix: 'M', languages: [] }]);
});

// `cascades`: the mistake also breaks what depends on it (e.g. the languages the examples use).
const cases: readonly { name: string; mutate: (doc: Record<string, unknown>) => void; problem: string; cascades?: true }[] = [
  { name: 'too few examples', mutate: (d) => { at(d, 'intents', 'top_up', 'examples').zh = ['充值']; }, problem: 'intents.top_up.examples.zh: at least 10 examples required' },
  { name: 'a language missing', mutate: (d) => { delete at(d, 'intents', 'top_up', 'examples').zh; }, problem: 'intents.top_up.examples.zh: required' },
  { name: 'a language not in the pack', mutate: (d) => { at(d, 'intents', 'top_up', 'examples').fr = ['bonjour']; }, problem: 'intents.top_up.examples.fr: not a pack language (en, zh)' },
  { name: 'an example that is a number', mutate: (d) => { (at(d, 'intents', 'top_up', 'examples').en as unknown[])[3] = 42; }, problem: 'intents.top_up.examples.en[3]: must be a non-empty text (put numbers, true/false and null in quotes)' },
  { name: 'an over-long example', mutate: (d) => { (at(d, 'intents', 'top_up', 'examples').en as unknown[])[0] = 'x'.repeat(301); }, problem: 'intents.top_up.examples.en[0]: too long (at most 300 characters)' },
  { name: 'examples not a list', mutate: (d) => { at(d, 'intents', 'top_up', 'examples').en = 'top up'; }, problem: 'intents.top_up.examples.en: must be a list ("- " lines)' },
  { name: 'a misspelt key', mutate: (d) => { const i = at(d, 'intents', 'top_up'); i.exmples = i.examples; }, problem: 'intents.top_up.exmples: unknown key (expected description, examples)' },
  { name: 'examples missing', mutate: (d) => { delete at(d, 'intents', 'top_up').examples; }, problem: 'intents.top_up.examples: required' },
  { name: 'a bad intent name', mutate: (d) => { at(d, 'intents')['Top Up'] = at(d, 'intents', 'top_up'); }, problem: 'intents.Top Up: must be lower-case letters, digits and "_", starting with a letter' },
  { name: 'the reserved intent name', mutate: (d) => { at(d, 'intents').out_of_scope = at(d, 'intents', 'top_up'); }, problem: 'intents.out_of_scope: "out_of_scope" is reserved: list such utterances under the top-level out_of_scope key' },
  { name: 'a single intent', mutate: (d) => { delete at(d, 'intents').top_up; }, problem: 'intents: at least 2 intents required' },
  { name: 'a duplicate across intents', mutate: (d) => { (at(d, 'intents', 'top_up', 'examples').en as unknown[])[2] = 'Balance please, number one!'; }, problem: 'intents.top_up.examples.en[2]: same utterance as intents.check_balance.examples.en[0] (after lower-casing and removing punctuation)' },
  { name: 'a duplicate in out_of_scope', mutate: (d) => { (at(d, 'out_of_scope').zh as unknown[])[9] = '充值一'; }, problem: 'out_of_scope.zh[9]: same utterance as intents.top_up.examples.zh[0] (after lower-casing and removing punctuation)' },
  { name: 'too few out-of-scope examples', mutate: (d) => { at(d, 'out_of_scope').en = ['weather']; }, problem: 'out_of_scope.en: at least 10 out-of-scope examples required' },
  { name: 'out_of_scope missing', mutate: (d) => { delete d.out_of_scope; }, problem: 'out_of_scope: required' },
  { name: 'a wrong version', mutate: (d) => { d.version = 2; }, problem: 'version: must be 1' },
  { name: 'a bad pack name', mutate: (d) => { d.pack = 'Test Shop'; }, problem: 'pack: must be lower-case letters, digits, "-" and "_"' },
  { name: 'an unknown top-level key', mutate: (d) => { d.intent = {}; }, problem: 'intent: unknown key (expected version, pack, languages, intents, out_of_scope, slots)' },
  { name: 'a bad language code', mutate: (d) => { d.languages = ['en', 'Chinese']; }, problem: 'languages[1]: must be a lower-case language code such as en or zh', cascades: true },
  { name: 'a repeated language', mutate: (d) => { d.languages = ['en', 'zh', 'en']; }, problem: 'languages[2]: listed twice' },
  { name: 'no languages', mutate: (d) => { d.languages = []; }, problem: 'languages: must be a non-empty list of language codes (en, zh, …)', cascades: true },
  { name: 'an unknown slot type', mutate: (d) => { at(d, 'slots', 'when').type = 'time'; }, problem: 'slots.when.type: must be one of digits, date_time, catalogue' },
  { name: 'a slot without type', mutate: (d) => { delete at(d, 'slots', 'when').type; }, problem: 'slots.when.type: required' },
  { name: 'an unknown time zone', mutate: (d) => { at(d, 'slots', 'when').time_zone = 'Mars/Olympus'; }, problem: 'slots.when.time_zone: must be an IANA time zone such as Asia/Shanghai or Europe/London' },
  { name: 'a bad digit count', mutate: (d) => { (at(d, 'slots', 'member_number').formats as Record<string, unknown>[])[0]!.digits = { min: 9, max: 6 }; }, problem: 'slots.member_number.formats[0].digits: must be a number of digits (1 to 30) or {min: …, max: …} with min ≤ max' },
  { name: 'starts_with as a bare number', mutate: (d) => { (at(d, 'slots', 'member_number').formats as Record<string, unknown>[])[0]!.starts_with = 1; }, problem: 'slots.member_number.formats[0].starts_with: must be a non-empty text' },
  { name: 'starts_with not digits', mutate: (d) => { (at(d, 'slots', 'member_number').formats as Record<string, unknown>[])[0]!.starts_with = 'a1'; }, problem: 'slots.member_number.formats[0].starts_with: must be digits in quotes, e.g. "1"' },
  { name: 'a long starts_with', mutate: (d) => { (at(d, 'slots', 'member_number').formats as Record<string, unknown>[])[0]!.starts_with = '1234567'; }, problem: 'slots.member_number.formats[0].starts_with: is longer than the number of digits' },
  { name: 'a bad prefix', mutate: (d) => { (at(d, 'slots', 'member_number').formats as Record<string, unknown>[])[0]!.prefix = 'M-1'; }, problem: 'slots.member_number.formats[0].prefix: must be 1 to 5 Latin letters' },
  { name: 'format languages not in the pack', mutate: (d) => { (at(d, 'slots', 'member_number').formats as Record<string, unknown>[])[0]!.languages = ['fr']; }, problem: 'slots.member_number.formats[0].languages: must be a list of pack languages (en, zh)' },
  { name: 'no formats', mutate: (d) => { at(d, 'slots', 'member_number').formats = []; }, problem: 'slots.member_number.formats: must be a non-empty list of formats' },
  { name: 'cues in a foreign language', mutate: (d) => { at(d, 'slots', 'member_number', 'cues').de = ['mitglied']; }, problem: 'slots.member_number.cues.de: not a pack language (en, zh)' },
  { name: 'an empty catalogue', mutate: (d) => { at(d, 'slots', 'plan').entries = []; }, problem: 'slots.plan.entries: must be a non-empty list of entries' },
  { name: 'a catalogue entry without value', mutate: (d) => { delete (at(d, 'slots', 'plan').entries as Record<string, unknown>[])[1]!.value; }, problem: 'slots.plan.entries[1].value: required' },
  { name: 'an alias shared by two entries', mutate: (d) => { (at(d, 'slots', 'plan').entries as Record<string, unknown>[])[1]!.aliases = { en: ['Gold!'] }; }, problem: 'slots.plan.entries[1].aliases.en[0]: same name as slots.plan.entries[0] (a caller saying it could mean either)' },
  { name: 'a bad slot name', mutate: (d) => { at(d, 'slots')['2nd'] = { type: 'date_time', time_zone: 'UTC' }; }, problem: 'slots.2nd: must be lower-case letters, digits and "_", starting with a letter' },
];

for (const c of cases) {
  test(`reports ${c.name} at its path`, () => {
    const doc = minimalPackDocument();
    c.mutate(doc);
    const problems = problemsOf(doc);
    if (c.cascades) assert.equal(problems[0], c.problem);
    else assert.deepEqual(problems, [c.problem]);
  });
}

test('every problem is reported at once, and no example text is echoed', () => {
  const doc = minimalPackDocument();
  at(doc, 'intents', 'top_up', 'examples').zh = ['给我充值一百块钱'];
  doc.version = 3;
  const problems = problemsOf(doc);
  assert.deepEqual(problems, ['version: must be 1', 'intents.top_up.examples.zh: at least 10 examples required']);
  try {
    validatePack(doc, 'test.yaml');
  } catch (err) {
    assert.ok(err instanceof Error);
    assert.doesNotMatch(err.message, /充值一百/);
    assert.match(err.message, /^invalid knowledge pack test\.yaml: /);
  }
});

test('a document that is not a mapping is rejected', () => {
  assert.deepEqual(problemsOf(['a', 'list']), ['(top level): must be a mapping with version, pack, languages, intents, out_of_scope, slots']);
});
