// Drives a shipped task on a real lesson: runs the steps before it, proves it is not solved yet, then waits for the lab to see the solution.
import { expect } from 'vitest';
import type { LiveLesson } from './liveLesson.js';
import type { TaskSpec, TaskState } from '../../src/types.js';

/** The task with this id in the live lesson, and the index of the step it follows. */
export function taskSpec(live: LiveLesson, id: string): { spec: TaskSpec; step: number } {
  const step = live.lesson.steps.findIndex((s) => s.tasks.some((t) => t.id === id));
  if (step < 0) throw new Error(`lesson ${live.lesson.id} has no task ${id}`);
  return { spec: live.lesson.steps[step].tasks.find((t) => t.id === id)!, step };
}

export function taskState(live: LiveLesson, id: string): TaskState {
  const t = live.session.getState().tasks.find((x) => x.id === id);
  if (!t) throw new Error(`the session shows no task ${id}`);
  return t;
}

/**
 * Runs the steps up to and including the task's own (for real), reads its checks once and expects
 * it open and unsolved: no task may be solved by doing nothing.
 */
export async function openTask(live: LiveLesson, id: string): Promise<TaskSpec> {
  const { spec, step } = taskSpec(live, id);
  if (live.session.getState().cursor !== step + 1) await live.session.jump(step + 1);
  expect(live.session.getState().cursor, `the steps up to "${live.lesson.steps[step].title}" ran`).toBe(step + 1);
  await live.session.checkTasks();
  const t = taskState(live, id);
  expect(t.status, `task ${id} right after its step (${JSON.stringify(t.checks)})`).toBe('open');
  expect(t.checks.length).toBe(spec.checks.length);
  expect(t.checks.some((c) => !c.ok)).toBe(true);
  return spec;
}

/** Reads the task's checks now and returns its state (after an attempt: still open, or solved). */
export async function readTask(live: LiveLesson, id: string): Promise<TaskState> {
  await live.session.checkTasks();
  return taskState(live, id);
}

/** Expects the task solved once its checks are read; the failing checks' words otherwise. */
export async function expectSolved(live: LiveLesson, id: string): Promise<TaskState> {
  const t = await readTask(live, id);
  expect(t.status, `task ${id}: ${t.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`).join('; ')}`).toBe('solved');
  expect(t.solvedAt).not.toBeNull();
  return t;
}

/** Expects an attempt that does not meet the task to leave it open, every failing check saying why. */
export async function expectUnsolved(live: LiveLesson, id: string): Promise<TaskState> {
  const t = await readTask(live, id);
  expect(t.status, `task ${id} after a wrong attempt`).toBe('open');
  for (const c of t.checks.filter((x) => !x.ok)) expect(c.detail.length).toBeGreaterThan(0);
  return t;
}
