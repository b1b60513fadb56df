// Number formatting shared by the panels.

// Intl formatters are costly to build; toLocaleString builds one per call, so keep them.
const US = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INT = new Intl.NumberFormat('en-US');

/** Nanoseconds of modelled time as microseconds: "0.15 µs", "2,340.06 µs". */
export function formatUs(ns: number): string {
  return `${US.format(ns / 1000)} µs`;
}

/** An integer with thousands separators: "3,078". */
export function formatInt(n: number): string {
  return INT.format(n);
}
