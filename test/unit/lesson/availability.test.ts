// Which lessons open: privilege, the chain programs, and the host-Docker choice (--host-docker).
import { describe, expect, it } from 'vitest';
import { whyUnavailable } from '../../../src/lesson/availability.js';
import type { Lesson } from '../../../src/types.js';

const lesson = (extra: Partial<Lesson>): Lesson => ({ id: 'x', title: 'X', summary: 's', privilege: 'root', order: 1, requires: [], hostDocker: false, intro: '', steps: [], file: 'x.md', source: { trusted: true, from: 'the package' }, hostEffects: [], ...extra });
const all = () => '/usr/bin/x';
const none = () => null;

describe('whyUnavailable', () => {
  it('a root lesson needs root, unless it runs on the host\'s Docker the user chose', () => {
    expect(whyUnavailable(lesson({}), { mode: 'rootless', hostDocker: null, find: all })).toMatch(/needs root/);
    // the lesson's own words for the primitive that needs root come with it
    expect(whyUnavailable(lesson({ rootless: 'runc create makes a cgroup' }), { mode: 'rootless', hostDocker: null, find: all }))
      .toBe('needs root (runc create makes a cgroup): start container-lab as root or with --sudo');
    expect(whyUnavailable(lesson({ rootless: 'runc create makes a cgroup' }), { mode: 'root', hostDocker: null, find: all })).toBeNull();
    const rest = lesson({ requires: ['docker', 'dockerd'], hostDocker: true });
    expect(whyUnavailable(rest, { mode: 'rootless', hostDocker: '/var/run/docker.sock', find: all })).toBeNull();
  });

  it('with --host-docker, a lesson that stops and starts daemons says it needs the private ones', () => {
    const shim = lesson({ requires: ['dockerd', 'containerd'] });
    expect(whyUnavailable(shim, { mode: 'root', hostDocker: '/var/run/docker.sock', find: all })).toMatch(/private ones/);
    expect(whyUnavailable(lesson({}), { mode: 'root', hostDocker: '/var/run/docker.sock', find: all }), 'lessons without daemons are untouched').toBeNull();
  });

  it('on the host\'s Docker only the docker CLI is needed; else every program the lesson lists', () => {
    const rest = lesson({ requires: ['docker', 'dockerd', 'containerd'], hostDocker: true });
    const onlyDocker = (n: string) => (n === 'docker' ? '/usr/bin/docker' : null);
    expect(whyUnavailable(rest, { mode: 'root', hostDocker: '/var/run/docker.sock', find: onlyDocker })).toBeNull();
    expect(whyUnavailable(rest, { mode: 'root', hostDocker: null, find: onlyDocker })).toMatch(/^needs dockerd, containerd \(not installed\)/);
    expect(whyUnavailable(rest, { mode: 'root', hostDocker: null, find: none })).toMatch(/^needs docker, dockerd, containerd/);
  });

  it('a lesson from outside the package never runs on the host\'s Docker', () => {
    const elsewhere = lesson({ requires: ['docker'], hostDocker: true, source: { trusted: false, from: '--lessons /x' } });
    expect(whyUnavailable(elsewhere, { mode: 'root', hostDocker: '/var/run/docker.sock', find: all })).toMatch(/^comes from --lessons \/x: only the package's own lessons run on the host's Docker/);
    expect(whyUnavailable(elsewhere, { mode: 'root', hostDocker: null, find: all })).toBeNull();
  });
});
