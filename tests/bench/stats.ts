export interface Timing {
  p50_ms: number;
  p95_ms: number;
  mean_ms: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Runs `fn` `warmup` times unmeasured, then `iterations` times; reports percentiles in ms. */
export async function measure(fn: () => Promise<unknown>, { warmup = 20, iterations = 200 } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    mean_ms: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}
