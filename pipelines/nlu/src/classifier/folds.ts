// Stratified fold assignment: every class is spread evenly over the folds, so a held-out fold
// looks like the whole training set even for classes with a handful of examples.
import { seededRandom, shuffleInPlace } from './random';

/** The fold (0 … folds-1) of every row. */
export function stratifiedFolds(labels: readonly number[], folds: number, seed: number): Int32Array {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, row) => {
    const rows = byClass.get(label) ?? [];
    rows.push(row);
    byClass.set(label, rows);
  });
  const random = seededRandom(seed);
  const foldOf = new Int32Array(labels.length);
  let next = 0; // continue round-robin across classes so small classes do not all start at fold 0
  for (const rows of [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r)) {
    for (const row of shuffleInPlace(rows, random)) {
      foldOf[row] = next;
      next = (next + 1) % folds;
    }
  }
  return foldOf;
}
