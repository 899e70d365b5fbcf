// The spinner: the label alone for a short wait, then a turning mark and the seconds elapsed.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Spinner } from '../../src/app/Spinner.js';
import { stripAnsi } from '../../src/app/textWrap.js';
import { wait } from './harness.js';

afterEach(() => cleanup());

describe('Spinner', () => {
  it('shows the label at once and the elapsed seconds past 300 ms, counting up', async () => {
    const r = render(<Spinner label="starting dockerd" />);
    expect(stripAnsi(r.lastFrame() ?? '')).toBe('⟳ starting dockerd');
    await wait(450);
    const first = stripAnsi(r.lastFrame() ?? '');
    expect(first).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] starting dockerd 0\.[3-9] s$/);
    await wait(700);
    const later = /(\d+\.\d) s$/.exec(stripAnsi(r.lastFrame() ?? ''));
    expect(Number(later?.[1])).toBeGreaterThanOrEqual(1);
  });
});
