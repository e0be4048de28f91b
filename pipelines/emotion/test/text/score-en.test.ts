import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreEnglish } from '../../src/text/score-en';

const s = (text: string): number => scoreEnglish(text).score;

test('sentiment words carry their sign; degree words strengthen, downtoners weaken', () => {
  assert.ok(s("I'm happy") > 0.4);
  assert.ok(s('this is terrible') < -0.6);
  assert.ok(s("I'm very happy") > s("I'm happy"));
  assert.ok(s("I'm a bit annoyed") > s("I'm annoyed"), 'a bit annoyed is milder');
  assert.ok(s("I'm a bit annoyed") < 0);
});

test('negation flips within its clause, at a distance, and stops at a clause break', () => {
  assert.ok(s("I'm not happy") < -0.3);
  assert.ok(s("I'm not happy") > s("I'm unhappy") - 0.3, 'not happy is about as negative as unhappy');
  assert.ok(s("I don't think this is good") < 0);
  assert.ok(s("it isn't working, this is good") > 0, 'the comma ends the scope (and "isn\'t working" is a phrase)');
  assert.ok(s("I can't say it was bad") > 0);
  assert.ok(s('never again') < -0.5, 'a phrase, not a negated word');
});

test('service phrases and formulas', () => {
  assert.ok(s('no problem') > 0);
  assert.ok(s('not bad at all') > 0);
  assert.ok(s("I've been on hold forever") < -0.5);
  assert.ok(s('what a waste of time') < -0.5);
  assert.ok(s('my card does not work') < 0);
  for (const formula of ['thank you for holding', 'good morning', "I'd like to check my balance"]) {
    assert.deepEqual(scoreEnglish(formula), { score: 0, hits: 0, emphasis: 0 }, formula);
  }
});

test('the clause after "but" outweighs the one before', () => {
  assert.ok(s('the agent was nice but the wait was ridiculous') < 0);
  assert.ok(s('the wait was annoying but the agent was excellent') > 0);
});

test('a degree word reaches only the next word or two', () => {
  assert.equal(s('so I called and they were rude'), s('they were rude'));
  assert.ok(s('so rude') < s('rude'));
  assert.ok(s('damn good') > s('good'), 'damn as a degree word');
  assert.ok(s('damn!') < 0, 'damn on its own');
});

test('exclamations and shouting add emphasis and strength; all-caps text is not shouting', () => {
  const plain = scoreEnglish('this is terrible');
  const loud = scoreEnglish('this is TERRIBLE!!!');
  assert.ok(loud.score < plain.score);
  assert.ok(loud.emphasis > plain.emphasis);
  assert.equal(plain.emphasis, 0);
  const allCaps = scoreEnglish('THIS IS TERRIBLE');
  assert.equal(allCaps.score, plain.score, 'a caps-lock line is not emphasis word by word');
});

test('typographic apostrophes', () => {
  assert.equal(s('I don’t like this, it’s not good'), s("I don't like this, it's not good"));
});
