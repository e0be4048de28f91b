// Evaluates the lexical sentiment:
// - English: sign (negative / neutral / positive) on sentiment-en test (GoEmotions Ekman-7 mapped:
//   joy +, anger/disgust/fear/sadness −, neutral/surprise 0): accuracy and macro-F1 of the model,
//   the lexicon and the shipped blend. `--tune` sweeps the blend weight and the neutral band on
//   dev (never on test) to show where the shipped defaults come from.
// - Chinese: the hand-written lexicon on sentiment-zh test (waimai_10k, positive/negative; NO
//   licence — internal evaluation only, nothing here trains on it). A score of 0 (no opinion
//   found) counts as wrong; coverage and accuracy on covered texts are printed too.
// The last line is JSON.
//
//   npm run build -w @switchboard/emotion && npm run eval -w @switchboard/emotion [-- --tune]
import { DEFAULT_SENTIMENT_OPTIONS, NEUTRAL_BAND, SentimentAnalyzer, polarity } from '../src/text/sentiment';
import { loadSentimentEn, loadSentimentZhForEvaluation } from './data';
import { pct, signMetrics, type Sign } from './metrics';

const toSign = (label: 0 | 1 | 2): Sign => (label === 0 ? -1 : label === 1 ? 0 : 1);

interface EnScores {
  readonly gold: Sign[];
  readonly model: number[];
  readonly lexicon: number[];
  readonly lexiconHits: number[];
}

function scoreEn(analyzer: SentimentAnalyzer, split: 'dev' | 'test'): EnScores {
  const rows = loadSentimentEn(split);
  const out: EnScores = { gold: [], model: [], lexicon: [], lexiconHits: [] };
  for (const r of rows) {
    const parts = analyzer.englishParts(r.text);
    out.gold.push(toSign(r.label));
    out.model.push(parts.model);
    out.lexicon.push(parts.lexicon.score);
    out.lexiconHits.push(parts.lexicon.hits);
  }
  return out;
}

function blend(s: EnScores, weight: number): number[] {
  return s.model.map((m, i) => (s.lexiconHits[i]! > 0 ? weight * s.lexicon[i]! + (1 - weight) * m : m));
}

function evaluate(gold: readonly Sign[], scores: readonly number[], band: number) {
  return signMetrics(gold, scores.map((v) => polarity(v, band)));
}

function main(): void {
  const tune = process.argv.includes('--tune');
  const analyzer = new SentimentAnalyzer();
  const weight = DEFAULT_SENTIMENT_OPTIONS.lexiconWeight;

  if (tune) {
    const dev = scoreEn(analyzer, 'dev');
    console.log('dev sweep (macro-F1 %): rows = lexicon weight, columns = neutral band');
    const bands = [0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25];
    console.log('        ' + bands.map((b) => b.toFixed(2).padStart(6)).join(''));
    for (const w of [0, 0.3, 0.5, 0.7, 1]) {
      const scores = blend(dev, w);
      console.log(`w=${w.toFixed(1)}   ` + bands.map((b) => pct(evaluate(dev.gold, scores, b).macroF1).padStart(6)).join(''));
    }
  }

  const test = scoreEn(analyzer, 'test');
  const model = evaluate(test.gold, test.model, NEUTRAL_BAND);
  const lexicon = evaluate(test.gold, test.lexicon, NEUTRAL_BAND);
  const blended = evaluate(test.gold, blend(test, weight), NEUTRAL_BAND);
  const coverage = test.lexiconHits.filter((h) => h > 0).length / test.gold.length;
  console.log(`sentiment-en test (${test.gold.length} texts, sign of −1/0/+1, neutral band ±${NEUTRAL_BAND}):`);
  console.log(`  model only       accuracy ${pct(model.accuracy)}%  macro-F1 ${pct(model.macroF1)}%`);
  console.log(`  lexicon only     accuracy ${pct(lexicon.accuracy)}%  macro-F1 ${pct(lexicon.macroF1)}%  (lexicon finds something in ${pct(coverage)}%)`);
  console.log(`  shipped blend    accuracy ${pct(blended.accuracy)}%  macro-F1 ${pct(blended.macroF1)}%`);

  const zh = loadSentimentZhForEvaluation('test');
  let correct = 0;
  let covered = 0;
  let coveredCorrect = 0;
  for (const r of zh) {
    const s = analyzer.analyze(r.text, 'zh').score;
    const sign = s > 0 ? 2 : s < 0 ? 0 : -1;
    if (sign === -1) continue;
    covered++;
    if (sign === r.label) {
      correct++;
      coveredCorrect++;
    }
  }
  const zhAccuracy = correct / zh.length;
  console.log(`sentiment-zh test (${zh.length} texts, positive/negative; lexicon only, evaluation only):`);
  console.log(`  accuracy ${pct(zhAccuracy)}% (no opinion found = wrong)  coverage ${pct(covered / zh.length)}%  accuracy on covered ${pct(coveredCorrect / Math.max(1, covered))}%`);

  const round = (v: number): number => Number(v.toFixed(4));
  console.log(JSON.stringify({
    en: { n: test.gold.length, band: NEUTRAL_BAND, model: { accuracy: round(model.accuracy), macroF1: round(model.macroF1) }, lexicon: { accuracy: round(lexicon.accuracy), macroF1: round(lexicon.macroF1), coverage: round(coverage) }, blend: { accuracy: round(blended.accuracy), macroF1: round(blended.macroF1) } },
    zh: { n: zh.length, accuracy: round(zhAccuracy), coverage: round(covered / zh.length), accuracyCovered: round(coveredCorrect / Math.max(1, covered)) },
  }));
}

main();
