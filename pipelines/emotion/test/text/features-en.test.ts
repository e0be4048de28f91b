import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enFeatures } from '../../src/text/features-en';

test('unigrams, bigrams, marked negation scope, punctuation and emoji', () => {
  const f = enFeatures("This is not good at all! 😡");
  for (const expected of ['this', 'is', 'not', 'neg_good', 'neg_at', 'neg_all', 'not good', 'is not', '!', '😡']) {
    assert.ok(f.includes(expected), `missing ${expected} in ${f.join(' | ')}`);
  }
  assert.ok(!f.includes('good'), 'a negated word is not its plain self');
});

test('the negation scope ends at punctuation, at "but", and after three words', () => {
  assert.ok(enFeatures("I don't know, good").includes('good'));
  assert.ok(enFeatures('not that one but good').includes('good'));
  assert.ok(enFeatures('no way this is good').includes('good'));
  assert.ok(enFeatures('no way this is good').includes('neg_is'));
});

test('features are distinct and lower-cased', () => {
  assert.deepEqual(enFeatures('Bad BAD bad'), ['bad', 'bad bad']);
});
