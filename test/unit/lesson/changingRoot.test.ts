// Lesson 05 loads with the steps it promises, and the escape's directory name cannot leave the current directory.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { ACTIONS } from '../../../src/vocabulary/registry.js';

const dir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const lesson = loadLessons(dir).lessons.find((l) => l.id === 'changing-root');

describe('lesson changing-root', () => {
  it('runs rootless too, fifth, with the chroot escape before pivot_root and /proc last', () => {
    expect(lesson).toMatchObject({ title: 'Changing root', privilege: 'rootless', order: 5 });
    expect(lesson!.steps.map((s) => s.action.name)).toEqual([
      'unshare', 'make-mounts-private', 'start-init', 'prepare-rootfs', 'chroot', 'escape-root',
      'pivot-root', 'escape-root', 'run-in-root', 'mount-proc-in-root', 'run-in-root',
    ]);
    const escapes = lesson!.steps.filter((s) => s.action.name === 'escape-root');
    expect(escapes.map((s) => [s.action.params.process, s.checks.map((c) => c.kind)])).toEqual([
      ['chroot', ['root-is-host']],
      ['pivot', ['root-is-rootfs']],
    ]);
  });

  it('every step has a slide, notes and a check', () => {
    for (const step of lesson!.steps) {
      expect(step.slide, step.title).not.toBe('');
      expect(step.notes, step.title).not.toBe('');
      expect(step.checks.length, step.title).toBeGreaterThan(0);
    }
  });

  it('escape-root takes one plain directory name', () => {
    const schema = ACTIONS['escape-root'].params;
    expect(schema.parse({ process: 'chroot' })).toEqual({ process: 'chroot', dir: 'x' });
    for (const bad of ['.', '..', 'a/b', '/x', '']) expect(schema.safeParse({ process: 'chroot', dir: bad }).success, bad).toBe(false);
    expect(schema.safeParse({ process: 'host' }).success).toBe(false);
  });
});
