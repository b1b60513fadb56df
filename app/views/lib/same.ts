// Content equality for memo comparators: frames are rebuilt every step, so identity changes even
// where the content (a PTE table, a row of cells) did not; comparing bytes is far cheaper than
// re-rendering what they draw.

/** True when two typed arrays hold the same values. */
export function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
