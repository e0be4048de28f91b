// Evaluation on public data (see /work/shared/data/INDEX.md):
//   banking77  train → test   accuracy, ECE            (English, 77 intents)
//   clinc150   train → val    in-scope accuracy, out-of-scope recall/precision (150 + oos)
//   crosswoz   train → dev    accuracy                 (Simplified Chinese, 7 domains)
// Calibration (temperature, rejection threshold) is fitted on cross-validation folds of the
// train split only; the reported split is never used for fitting. Prints figures, then one JSON line.
//   npm run eval -w @switchboard/nlu            (SB_EVAL_DATA_DIR overrides the data folder)
import { OUT_OF_SCOPE } from '../src/classifier/intent-classifier';
import { trainClassifier, type TrainingExample } from '../src/classifier/train-classifier';
import { readLabelledCsv } from './labelled-csv';
import { scoreSplit, type SplitFigures } from './metrics';

// Three folds, not five, on the large sets: the machine is shared and the figures barely move.
const CALIBRATION_FOLDS = 3;

interface DatasetResult extends SplitFigures {
  readonly dataset: string;
  readonly split: string;
  readonly trainRows: number;
  readonly trainMs: number;
  readonly temperature: number;
  readonly rejectBelow: number;
  readonly vocabularySize: number;
}

const pct = (x: number): string => (100 * x).toFixed(2);

function evaluate(dataset: string, split: string, relabel: (label: string) => string = (l) => l): DatasetResult {
  const load = (name: string): TrainingExample[] => readLabelledCsv(dataset, name).map((e) => ({ text: e.text, label: relabel(e.label) }));
  const train = load('train');
  const heldOut = load(split);
  const startedMs = performance.now();
  const classifier = trainClassifier(train, { calibrationFolds: CALIBRATION_FOLDS });
  const trainMs = Math.round(performance.now() - startedMs);
  const figures = scoreSplit(classifier, heldOut);
  const result = {
    dataset, split, trainRows: train.length, trainMs,
    temperature: classifier.calibration.temperature, rejectBelow: classifier.calibration.rejectBelow,
    vocabularySize: classifier.vocabularySize, ...figures,
  };
  console.log(`${dataset} (train ${train.length} rows, ${trainMs} ms incl. ${CALIBRATION_FOLDS}-fold calibration) → ${split} ${heldOut.length} rows`);
  console.log(`  accuracy ${pct(figures.accuracy)} %   ECE ${pct(figures.ece)} % (uncalibrated ${pct(figures.eceUncalibrated)} %)   temperature ${result.temperature.toFixed(3)}`);
  const oos = figures.outOfScope;
  if (oos) {
    console.log(`  with threshold ${result.rejectBelow.toFixed(3)}: in-scope accuracy ${pct(oos.decided.inScopeAccuracy)} %, oos recall ${pct(oos.decided.recall)} %, oos precision ${pct(oos.decided.precision)} %`);
    console.log(`  oos class only:   in-scope accuracy ${pct(oos.classOnly.inScopeAccuracy)} %, oos recall ${pct(oos.classOnly.recall)} %, oos precision ${pct(oos.classOnly.precision)} %`);
  }
  return result;
}

function main(): void {
  const results = [
    evaluate('banking77', 'test'),
    evaluate('clinc150', 'val', (label) => (label === 'oos' ? OUT_OF_SCOPE : label)),
    evaluate('crosswoz', 'dev'),
  ];
  console.log('reference: banking77 test — USE+ConveRT 93.36, BERT 93.66, TF-IDF+LR (scikit-learn, measured) 91.33; clinc150 — BERT oos-train 96.9 / oos recall 40.3, TF-IDF+LR on val 92.53 / 34.0');
  console.log(JSON.stringify({ nluEval: results }));
}

main();
