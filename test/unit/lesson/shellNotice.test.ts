// Why `s` opens no shell, in the shipped lessons' own steps: which step makes the container, or that none will.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { shellRefusal } from '../../../src/lesson/shellNotice.js';
import type { Lesson } from '../../../src/types.js';

const dir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const lessons = loadLessons(dir).lessons;
const lesson = (id: string): Lesson => lessons.find((l) => l.id === id)!;

describe('shellRefusal', () => {
  it('lesson 1 intro: step 1 makes both namespaces', () => {
    expect(shellRefusal(lesson('just-a-process'), 0, ['own mnt namespace', 'own pid namespace']))
      .toBe('No container yet: the shell opens once it has its own mount and PID namespaces — step 1 “New namespaces, one call” makes them.');
  });

  it('lesson 6 intro, then after its namespaces: the step named, then PID 1\'s', () => {
    const byHand = lesson('by-hand');
    expect(shellRefusal(byHand, 0, ['own mnt namespace', 'own pid namespace'])).toContain('step 1 “Namespaces” makes them');
    const pidOne = byHand.steps.findIndex((s) => s.action.name === 'start-container-init');
    expect(shellRefusal(byHand, 1, ['PID 1'])).toBe(
      `The container's PID namespace has no PID 1 yet (a shell would become its PID 1, and the namespace would end with it) — step ${pidOne + 1} “PID 1” starts it.`);
  });

  it('a namespace made by an earlier step that is gone: r starts again', () => {
    expect(shellRefusal(lesson('just-a-process'), 3, ['PID 1'])).toContain('step 3 “PID 1” made PID 1, but it is gone: r starts the lesson again');
  });

  it('lesson 2: mount and PID namespaces come from different steps', () => {
    const text = shellRefusal(lesson('namespaces'), 1, ['own mnt namespace', 'own pid namespace']);
    expect(text).toMatch(/step 3 “mnt: a mount table of its own” makes the mount namespace, step \d+ “pid: numbering starts again” makes the PID namespace\./);
  });

  it('a lesson that never makes one says so; a chain lesson points at its daemons', () => {
    expect(shellRefusal(lesson('cgroups'), 0, ['own mnt namespace', 'own pid namespace'])).toContain('this lesson never makes one');
    const chain = lessons.find((l) => l.requires.length > 0)!;
    expect(shellRefusal(chain, 0, ['own mnt namespace', 'own pid namespace'])).toContain('comes from its daemons');
  });
});
