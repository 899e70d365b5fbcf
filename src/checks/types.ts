// The shape of a check: reads kernel state after a step and says pass or fail, with what it read.
import type { LabContext } from '../actions/context.js';
import type { CheckResult } from '../types.js';

export type Check<P = any> = (ctx: LabContext, params: P) => Omit<CheckResult, 'name'>;

export function pass(detail: string): Omit<CheckResult, 'name'> {
  return { ok: true, detail };
}

export function fail(detail: string): Omit<CheckResult, 'name'> {
  return { ok: false, detail };
}
