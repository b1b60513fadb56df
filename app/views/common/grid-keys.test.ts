import { describe, expect, it } from 'vitest';
import { moveCursor } from './grid-keys';

describe('moveCursor', () => {
  it('moves by one cell sideways and one row up or down, staying inside the grid', () => {
    expect(moveCursor('ArrowRight', 0, 10, 4)).toBe(1);
    expect(moveCursor('ArrowLeft', 0, 10, 4)).toBe(0);
    expect(moveCursor('ArrowDown', 1, 10, 4)).toBe(5);
    expect(moveCursor('ArrowDown', 7, 10, 4)).toBe(7);
    expect(moveCursor('ArrowUp', 5, 10, 4)).toBe(1);
  });

  it('jumps to the ends and ignores other keys', () => {
    expect(moveCursor('End', 0, 10, 4)).toBe(9);
    expect(moveCursor('Home', 9, 10, 4)).toBe(0);
    expect(moveCursor('a', 3, 10, 4)).toBeNull();
  });
});
