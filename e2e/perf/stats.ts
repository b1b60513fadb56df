// Small statistics for the benchmark report.

/** The q-quantile (0..1) of samples, by nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

/** Formats milliseconds. */
export const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** "ok" or "MISSED" against a target (lower is better). */
export const verdict = (value: number, target: number): string => (value < target ? 'ok' : 'MISSED');

/** A deterministic pseudo-random sequence (the benchmark must be repeatable). */
export function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}
