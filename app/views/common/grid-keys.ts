// Keyboard movement of the cursor over a grid of `count` cells, `cols` wide.

/** The cell the cursor moves to for `key`, or null when the key does not move it. */
export function moveCursor(key: string, at: number, count: number, cols: number): number | null {
  const clamp = (n: number) => Math.max(0, Math.min(count - 1, n));
  switch (key) {
    case 'ArrowRight': return clamp(at + 1);
    case 'ArrowLeft': return clamp(at - 1);
    case 'ArrowDown': return at + cols < count ? at + cols : at;
    case 'ArrowUp': return at - cols >= 0 ? at - cols : at;
    case 'Home': return 0;
    case 'End': return count - 1;
    case 'PageDown': return clamp(at + cols * 4);
    case 'PageUp': return clamp(at - cols * 4);
    default: return null;
  }
}
