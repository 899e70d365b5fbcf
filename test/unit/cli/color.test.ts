// Colours: FORCE_COLOR as Node reads it (and over NO_COLOR), NO_COLOR, TERM=dumb, and none when piped.
import { describe, expect, it } from 'vitest';
import { colorLevel, isDumbTerminal } from '../../../src/cli/color.js';

describe('colorLevel', () => {
  it('FORCE_COLOR sets the depth even when piped, and wins over NO_COLOR and TERM=dumb', () => {
    expect(colorLevel({ FORCE_COLOR: '1' }, false, 0)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '' }, false, 0)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: 'true' }, false, 0)).toBe(1);
    expect(colorLevel({ FORCE_COLOR: '2' }, false, 0)).toBe(2);
    expect(colorLevel({ FORCE_COLOR: '3', NO_COLOR: '1', TERM: 'dumb' }, true, 1)).toBe(3);
    expect(colorLevel({ FORCE_COLOR: '0' }, true, 3)).toBe(0);
    expect(colorLevel({ FORCE_COLOR: 'false' }, true, 3)).toBe(0);
  });

  it('NO_COLOR (not empty) turns them off on a terminal; an empty one does not', () => {
    expect(colorLevel({ NO_COLOR: '1' }, true, 3)).toBe(0);
    expect(colorLevel({ NO_COLOR: '' }, true, 2)).toBe(2);
  });

  it('none when piped or on TERM=dumb; the terminal\'s depth otherwise, at least 16 colours', () => {
    expect(colorLevel({}, false, 3)).toBe(0);
    expect(colorLevel({ TERM: 'dumb' }, true, 1)).toBe(0);
    expect(colorLevel({ TERM: 'xterm-256color' }, true, 2)).toBe(2);
    expect(colorLevel({ TERM: 'vt100' }, true, 0)).toBe(1);
    expect(isDumbTerminal({ TERM: 'dumb' })).toBe(true);
    expect(isDumbTerminal({})).toBe(false);
  });
});
