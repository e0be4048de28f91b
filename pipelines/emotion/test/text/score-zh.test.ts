import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreChinese } from '../../src/text/score-zh';

const s = (text: string): number => scoreChinese(text).score;

test('sentiment words and degree words: 非常满意 > 满意 > 0 > 差 > 太差了', () => {
  assert.ok(s('满意') > 0.5);
  assert.ok(s('非常满意') > s('满意'));
  assert.ok(s('差') < -0.5);
  assert.ok(s('太差了') < s('差'));
  assert.ok(s('有点慢') > s('慢'), '有点 softens');
  assert.ok(s('有点慢') < 0);
});

test('negation: 不满意, 服务不是很好, 没有问题', () => {
  assert.ok(s('不满意') < -0.5);
  assert.ok(s('服务不是很好') < 0);
  assert.ok(s('我没有不满意') > 0, 'a double negation');
  assert.ok(s('没有问题') > 0);
  assert.ok(s('没问题') > 0);
});

test('compounds win over their parts: 不错 is praise, 不好意思 and 好的 are formulas', () => {
  assert.ok(s('不错') > 0.4);
  for (const formula of ['不好意思', '好的', '您好，我想查一下订单', '不客气']) {
    assert.equal(scoreChinese(formula).hits, 0, formula);
    assert.equal(s(formula), 0, formula);
  }
});

test('好 as a degree word before a sentiment word, as praise on its own', () => {
  assert.ok(s('好慢') < s('慢'));
  assert.ok(s('好开心') > s('开心'));
  assert.ok(s('很好') > 0);
});

test('post-degree words: 慢死了, 好极了; strong phrases: 气死我了', () => {
  assert.ok(s('慢死了') < s('慢'));
  assert.ok(s('好极了') > s('好'));
  assert.ok(s('气死我了') < -0.8);
  assert.ok(s('你们这是什么破服务') < -0.6);
});

test('A不A questions are neither negation nor opinion', () => {
  assert.equal(s('好不好'), 0);
  assert.equal(s('能不能帮我查一下'), 0);
  assert.ok(s('能不能快一点') < 0, 'urging, not praise of speed');
  assert.equal(s('你们满意不满意'), 0);
});

test('the clause after 但是 outweighs the one before', () => {
  assert.ok(s('虽然有点贵，但是很好吃') > 0);
  assert.ok(s('质量还可以，但是送得太慢了') < 0);
});

test('a negator does not reach across punctuation or far away', () => {
  assert.ok(s('不，满意') > 0);
  assert.ok(s('我不知道你们的服务很好') > 0, '不知道 is not a negation of 好');
});

test('exclamation marks add emphasis', () => {
  assert.ok(scoreChinese('太差了！！！').emphasis > scoreChinese('太差了').emphasis);
  assert.ok(s('太差了！！！') < s('太差了'));
});
