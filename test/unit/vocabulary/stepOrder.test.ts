// Step order at load time: what a step needs, an earlier step must provide; ends take it away.
import { describe, expect, it } from 'vitest';
import { checkStepOrder } from '../../../src/vocabulary/stepOrder.js';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { lessonsDir } from '../../../src/sys/packageRoot.js';
import type { StepSpec } from '../../../src/types.js';

function step(line: number, name: string, params: Record<string, unknown> = {}): StepSpec {
  return { title: `${name} at ${line}`, slide: '', notes: '', action: { name, params }, checks: [], tasks: [], line };
}

describe('checkStepOrder', () => {
  it('passes every shipped lesson', () => {
    const { lessons, errors } = loadLessons(lessonsDir());
    expect(errors).toEqual([]);
    for (const l of lessons) expect(checkStepOrder(l.steps), l.id).toEqual([]);
  });

  it('reports a need no earlier step provides, naming the actions that would', () => {
    expect(checkStepOrder([step(3, 'sethostname', { name: 'x' })])).toEqual([
      { line: 3, message: 'step "sethostname at 3": sethostname needs own uts namespace, which no earlier step provides (unshare provides it)' },
    ]);
  });

  it('takes away what a step ends: runc start after runc delete', () => {
    const steps = [step(1, 'runc-bundle', { args: ['/bin/sh'] }), step(2, 'runc', { op: 'create' }), step(3, 'runc', { op: 'delete' }), step(4, 'runc', { op: 'start' })];
    expect(checkStepOrder(steps).map((p) => p.line)).toEqual([4]);
  });

  it('follows containerd stopped and started again', () => {
    const steps = [step(1, 'start-daemons', { docker: true }), step(2, 'stop-containerd'), step(3, 'ctr', { args: ['tasks', 'ls'] }), step(4, 'start-containerd'), step(5, 'ctr', { args: ['tasks', 'ls'] })];
    expect(checkStepOrder(steps).map((p) => p.line)).toEqual([3]);
  });
});
