// k-nearest-neighbour accuracy of an embedding: how well points of one label sit together, the measure behind
// "an autoencoder's code embeds digits better than PCA".

/** Points stored row after row: `values.length === count * dim`. */
export interface Embedding {
  values: Float32Array;
  dim: number;
}

/**
 * kNN accuracy within one labelled set: its first half is the reference, each point of the second half votes by
 * its `k` nearest there (the embeddings page's measure of how well a plane keeps the digits apart).
 */
export function halfSplitKnnAccuracy(codes: Float32Array, dims: number, labels: Uint8Array, k: number): number {
  const half = Math.floor(labels.length / 2);
  return knnAccuracy(
    {values: codes.subarray(0, half * dims), dim: dims},
    labels.subarray(0, half),
    {values: codes.subarray(half * dims, labels.length * dims), dim: dims},
    labels.subarray(half),
    k
  );
}

/**
 * Fraction of `test` points whose k nearest `train` points (Euclidean) vote for their label (ties go to the
 * nearest neighbour's label). Used to compare embeddings, e.g. a 2-D autoencoder code against 2-D PCA.
 */
export function knnAccuracy(
  train: Embedding,
  trainLabels: ArrayLike<number>,
  test: Embedding,
  testLabels: ArrayLike<number>,
  k = 5
): number {
  const {dim} = train;
  if (test.dim !== dim) throw new Error(`embedding sizes differ: ${dim} and ${test.dim}`);
  const trainCount = train.values.length / dim;
  const testCount = test.values.length / dim;
  if (trainLabels.length !== trainCount || testLabels.length !== testCount) throw new Error("one label per point");
  const nearest = new Int32Array(k);
  const nearestDistance = new Float64Array(k);
  let correct = 0;
  for (let t = 0; t < testCount; t++) {
    nearestDistance.fill(Infinity);
    nearest.fill(-1);
    for (let i = 0; i < trainCount; i++) {
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const diff = test.values[t * dim + j] - train.values[i * dim + j];
        d += diff * diff;
      }
      if (d >= nearestDistance[k - 1]) continue;
      // Insertion into the sorted list of the k best so far.
      let slot = k - 1;
      while (slot > 0 && nearestDistance[slot - 1] > d) {
        nearestDistance[slot] = nearestDistance[slot - 1];
        nearest[slot] = nearest[slot - 1];
        slot--;
      }
      nearestDistance[slot] = d;
      nearest[slot] = i;
    }
    const votes = new Map<number, number>();
    for (const i of nearest) if (i >= 0) votes.set(trainLabels[i], (votes.get(trainLabels[i]) ?? 0) + 1);
    let best = trainLabels[nearest[0]];
    for (const [label, count] of votes) if (count > (votes.get(best) ?? 0)) best = label;
    if (best === testLabels[t]) correct++;
  }
  return correct / testCount;
}
