// How a check result or a step is marked everywhere it is shown: ✓ passed, ✗ failed, – not done on this host.
import type { CheckResult } from '../types.js';

export type Verdict = 'pass' | 'fail' | 'skip';

export const VERDICT_MARK: Record<Verdict, string> = { pass: '✓', fail: '✗', skip: '–' };

export function checkVerdict(check: Pick<CheckResult, 'ok' | 'skipped'>): Verdict {
  return check.skipped ? 'skip' : check.ok ? 'pass' : 'fail';
}

export function checkMark(check: Pick<CheckResult, 'ok' | 'skipped'>): string {
  return VERDICT_MARK[checkVerdict(check)];
}

/** How many of the checks passed, and how many were not read because this host cannot have what they read. */
export function checkCounts(checks: readonly CheckResult[]): { passed: number; skipped: number; failed: number } {
  const skipped = checks.filter((c) => c.skipped).length;
  const failed = checks.filter((c) => !c.ok).length;
  return { passed: checks.length - skipped - failed, skipped, failed };
}
