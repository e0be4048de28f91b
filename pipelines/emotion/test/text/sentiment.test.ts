import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NEUTRAL_BAND, SentimentAnalyzer, modelText, polarity, sentimentLanguage } from '../../src/text/sentiment';

const analyzer = new SentimentAnalyzer();

test('language: the tag decides, the script otherwise', () => {
  assert.equal(sentimentLanguage('hello', 'zh-CN'), 'zh');
  assert.equal(sentimentLanguage('你好', 'en'), 'en');
  assert.equal(sentimentLanguage('我的订单 ABC123 还没到'), 'zh');
  assert.equal(sentimentLanguage('my order is late'), 'en');
  assert.equal(sentimentLanguage(''), 'en');
});

test('English service utterances', () => {
  assert.equal(polarity(analyzer.analyze('I am very disappointed with your service', 'en').score), -1);
  assert.equal(polarity(analyzer.analyze("This is ridiculous, I've been on hold forever", 'en').score), -1);
  assert.equal(polarity(analyzer.analyze('thank you so much, that was really helpful', 'en').score), 1);
  assert.equal(polarity(analyzer.analyze("I'm not happy with this at all", 'en').score), -1);
  for (const neutral of ['I want to check my balance', 'what time do you close', 'thank you for holding', '']) {
    assert.ok(Math.abs(analyzer.analyze(neutral, 'en').score) <= NEUTRAL_BAND, neutral);
  }
});

test('Chinese goes through the lexicon', () => {
  const r = analyzer.analyze('你们的服务太差了，气死我了！', 'zh');
  assert.equal(r.language, 'zh');
  assert.ok(r.score < -0.8);
  assert.ok(r.lexiconHits >= 2);
  assert.ok(analyzer.analyze('非常满意，谢谢', '').score > 0.5);
});

test('intensity grows with strong words and emphasis, and is 0 for nothing', () => {
  const calm = analyzer.analyze('this is bad', 'en');
  const loud = analyzer.analyze('this is TERRIBLE!!!', 'en');
  assert.ok(loud.intensity > calm.intensity);
  assert.ok(loud.intensity <= 1);
  assert.ok(analyzer.analyze('ok', 'zh').intensity < 0.05);
});

test('the model does not see service formulas', () => {
  assert.equal(modelText('Thank you for holding, I’d like a refund').includes('holding'), false);
  assert.ok(modelText('I like it').includes('like'));
});
