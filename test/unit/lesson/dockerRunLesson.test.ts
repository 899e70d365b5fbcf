// lessons/07-docker-run-unpacked.md: loads, keeps docker run's steps in order, and its parameters are validated.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { ACTIONS, CHECKS } from '../../../src/vocabulary/registry.js';
import { generateIdentity } from '../../../src/actions/dockerRunState.js';

const dir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const lesson = loadLessons(dir).lessons.find((l) => l.id === 'docker-run');

describe('07: docker run, unpacked', () => {
  it('is a root lesson at order 7', () => {
    expect(lesson).toMatchObject({ title: 'docker run, unpacked', privilege: 'root', order: 7 });
    expect(lesson!.intro).not.toBe('');
  });

  it('steps: namespaces, name and id, layers, copy-on-write, volume both ways, network, server, port, command', () => {
    const outline = lesson!.steps.map((s) => `${s.action.name} | ${s.checks.map((c) => c.kind).join(', ')}`);
    expect(outline).toEqual([
      'unshare | ns-differs, ns-differs, ns-differs',
      'make-mounts-private | mounts-private',
      'start-init | init-pid-inside',
      'name-container | container-named',
      'unpack-layers | layers-unpacked',
      'mount-overlay | overlay-mounted, mount-invisible-on-host',
      'edit-rootfs | copied-up',
      'bind-volume | volume-mounted',
      'write-volume | volume-shows',
      'write-volume | volume-shows',
      'lab-network | veth-in-lab-only, addresses-in-lab-only',
      'start-server | http-answers',
      'publish-port | http-answers',
      'run-image-cmd | output-matches',
    ]);
    expect(lesson!.steps.filter((s) => s.action.name === 'write-volume').map((s) => s.action.params.side)).toEqual(['container', 'host']);
    for (const step of lesson!.steps) {
      expect(step.slide, step.title).not.toBe('');
      expect(step.notes, step.title).not.toBe('');
    }
  });

  it('volume paths stay one name deep; the HTTP check says where it asks from', () => {
    expect(ACTIONS['bind-volume'].params.safeParse({ target: '/data' }).success).toBe(true);
    expect(ACTIONS['bind-volume'].params.safeParse({ target: '/../etc' }).success).toBe(false);
    expect(ACTIONS['bind-volume'].params.safeParse({ target: 'data' }).success).toBe(false);
    expect(ACTIONS['write-volume'].params.safeParse({ side: 'host', file: 'index.html', text: 'x' }).success).toBe(true);
    expect(ACTIONS['write-volume'].params.safeParse({ side: 'host', file: '../x', text: 'x' }).success).toBe(false);
    expect(ACTIONS['write-volume'].params.safeParse({ side: 'host', file: '..', text: 'x' }).success).toBe(false);
    expect(CHECKS['http-answers'].params.safeParse({ from: 'host', contains: 'hi' }).success).toBe(true);
    expect(CHECKS['http-answers'].params.safeParse({ from: 'anywhere', contains: 'hi' }).success).toBe(false);
  });

  it('a generated name is adjective_surname and the id 64 hex digits, different each time', () => {
    const a = generateIdentity();
    const b = generateIdentity();
    expect(a.name).toMatch(/^[a-z]+_[a-z]+$/);
    expect(a.id).toMatch(/^[0-9a-f]{64}$/);
    expect(a.id).not.toBe(b.id);
  });
});
