import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SENTIMENT_EN_MODEL } from '../../src/generated/sentiment-en-model';
import { enFeatures } from '../../src/text/features-en';
import { applyModel, compileModel } from '../../src/text/linear-model';
import { trainSentimentModel, type TrainingExample } from '../../src/text/train';

const data: TrainingExample[] = [];
const templates: [string, 0 | 1 | 2][] = [
  ['I love this {x}', 2], ['the {x} is good', 2], ['great {x} thanks', 2],
  ['I hate this {x}', 0], ['the {x} is bad', 0], ['the {x} is not good', 0],
  ['where is the {x}', 1], ['I have a {x}', 1], ['the {x} arrived today', 1],
];
for (const x of ['phone', 'order', 'card', 'bill', 'plan', 'router']) for (const [t, label] of templates) data.push({ text: t.replace('{x}', x), label });

test('training is deterministic: the same data gives the same weights', () => {
  const a = trainSentimentModel(data, { epochs: 60, minCount: 1 });
  const b = trainSentimentModel(data, { epochs: 60, minCount: 1 });
  assert.deepEqual(a, b);
});

test('a tiny model learns the words, the neutral class and negation', () => {
  const model = compileModel(trainSentimentModel(data, { epochs: 150, minCount: 1, learningRate: 0.1 }));
  const score = (text: string): number => applyModel(model, enFeatures(text)).score;
  assert.ok(score('I love this modem') > 0.3);
  assert.ok(score('I hate this modem') < -0.3);
  assert.ok(Math.abs(score('where is the modem')) < 0.2);
  assert.ok(score('the modem is not good') < 0, 'learned from "not good" rows');
});

test('the shipped English model is small and names its source', () => {
  const features = Object.keys(SENTIMENT_EN_MODEL.weights).length;
  assert.ok(features > 1000 && features <= 3000, `${features} features`);
  assert.match(SENTIMENT_EN_MODEL.source, /GoEmotions.*Apache-2\.0/);
  const model = compileModel(SENTIMENT_EN_MODEL);
  assert.ok(applyModel(model, enFeatures('thank you, this is wonderful')).score > 0.3);
  assert.ok(applyModel(model, enFeatures('this is awful and I am angry')).score < -0.3);
});
