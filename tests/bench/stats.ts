export interface Timing {
  p50_ms: number;
  p95_ms: number;
  mean_ms: number;
  /** Calls measured: `iterations`, or fewer when the time budget ran out first. */
  iterations: number;
}

export interface MeasureOptions {
  warmup?: number;
  iterations?: number;
  /**
   * Stop early after this many milliseconds (warm-up included) once `minIterations`
   * calls are measured, so a slow loader at 10,000 people cannot eat the whole
   * ten minutes `npm run bench` may take.
   */
  budgetMs?: number;
  minIterations?: number;
}

export function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Runs `fn` up to `warmup` times unmeasured, then up to `iterations` times; reports percentiles in ms. */
export async function measure(
  fn: () => Promise<unknown>,
  { warmup = 20, iterations = 200, budgetMs = 8_000, minIterations = 5 }: MeasureOptions = {},
): Promise<Timing> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  for (let i = 0; i < warmup && elapsed() < budgetMs / 5; i++) await fn();
  const samples: number[] = [];
  const wanted = Math.max(1, iterations);
  while (samples.length < wanted && (samples.length < Math.min(minIterations, wanted) || elapsed() < budgetMs)) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(samples, 50)),
    p95_ms: round(percentile(samples, 95)),
    mean_ms: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    iterations: samples.length,
  };
}
