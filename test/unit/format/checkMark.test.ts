// Check marks: ✓ passed, ✗ failed, – not read on this host; counts keep the three apart.
import { describe, expect, it } from 'vitest';
import { checkCounts, checkMark, checkVerdict } from '../../../src/format/checkMark.js';

const pass = { name: 'a', ok: true, detail: 'read' };
const fail = { name: 'b', ok: false, detail: 'wrong' };
const notHere = { name: 'c', ok: true, skipped: true, detail: 'no lab cgroup to read' };

describe('checkMark', () => {
  it('marks each verdict', () => {
    expect([pass, fail, notHere].map(checkVerdict)).toEqual(['pass', 'fail', 'skip']);
    expect([pass, fail, notHere].map(checkMark)).toEqual(['✓', '✗', '–']);
  });
  it('a check not read is neither passed nor failed', () => {
    expect(checkCounts([pass, fail, notHere, notHere])).toEqual({ passed: 1, failed: 1, skipped: 2 });
    expect(checkCounts([])).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});
