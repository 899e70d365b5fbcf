// lessons/04-layers.md: loads, keeps its steps in order, and every step has a slide, notes and checks.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { ACTIONS } from '../../../src/vocabulary/registry.js';

const dir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const lesson = loadLessons(dir).lessons.find((l) => l.id === 'layers');

describe('04: layers and copy-on-write', () => {
  it('runs rootless too, at order 4', () => {
    expect(lesson).toMatchObject({ title: 'Layers and copy-on-write', privilege: 'rootless', order: 4 });
    expect(lesson!.intro).not.toBe('');
  });

  it('steps: namespace, layers, overlay, the four kinds of change, commit, a second container', () => {
    const outline = lesson!.steps.map((s) => `${s.action.name} ${s.action.params.op ?? s.action.params.container ?? ''} | ${s.checks.map((c) => c.kind).join(', ')}`.replace(/\s+\|/, ' |'));
    expect(outline).toEqual([
      'unshare | ns-differs',
      'make-mounts-private | mounts-private',
      'unpack-layers | layers-unpacked',
      'mount-overlay c1 | overlay-mounted, mount-invisible-on-host',
      'edit-rootfs write | in-upper-only',
      'edit-rootfs append | copied-up',
      'edit-rootfs delete | whiteout',
      'edit-rootfs replace-dir | opaque-dir',
      'edit-rootfs write | upper-holds',
      'commit-layer c1 | layer-committed',
      'mount-overlay c2 | overlay-mounted, layers-shared',
    ]);
    for (const step of lesson!.steps) {
      expect(step.slide, step.title).not.toBe('');
      expect(step.notes, step.title).not.toBe('');
      expect(step.checks.length, step.title).toBeGreaterThan(0);
    }
  });

  it('edit-rootfs takes only absolute paths and known operations', () => {
    expect(ACTIONS['edit-rootfs'].params.safeParse({ op: 'write', path: '/new.txt', text: 'x' }).success).toBe(true);
    expect(ACTIONS['edit-rootfs'].params.safeParse({ op: 'write', path: 'new.txt' }).success).toBe(false);
    expect(ACTIONS['edit-rootfs'].params.safeParse({ op: 'chmod', path: '/x' }).success).toBe(false);
    expect(ACTIONS['mount-overlay'].params.parse({})).toEqual({ container: 'c1' });
    expect(ACTIONS['mount-overlay'].params.safeParse({ container: '../x' }).success).toBe(false);
  });
});
