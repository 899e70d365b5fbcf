// The shipped lessons/ directory loads with no errors, and lessons 01 and 02 keep their steps.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLoadError, loadLessons } from '../../../src/lesson/loadLessons.js';
import type { Lesson } from '../../../src/types.js';

const dir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const { lessons, errors } = loadLessons(dir);

/** Each step as "action params | check params, ...", compact enough to read in a diff. */
function outline(lesson: Lesson | undefined): string[] {
  if (!lesson) return [];
  return lesson.steps.map(
    (s) =>
      `${s.action.name} ${JSON.stringify(s.action.params)} | ` +
      s.checks.map((c) => `${c.kind} ${JSON.stringify(c.params)}`).join(', '),
  );
}

describe('lessons/', () => {
  it('lessons 1-6 run rootless; every lesson that needs root says which primitive and why, and lesson 6 which steps still need it', () => {
    expect(lessons.filter((l) => l.privilege === 'rootless').map((l) => l.order)).toEqual([1, 2, 4, 5, 6]);
    expect(lessons.find((l) => l.order === 3)?.rootlessWhere).toBe('cgroup-delegation');
    for (const l of lessons.filter((x) => x.privilege === 'root')) expect(l.rootless, l.id).toMatch(/\(2\)|\(1\)|\.c |cgroup/);
    for (const l of lessons.filter((x) => x.privilege === 'rootless' && x.order !== 6)) expect(l.rootless, l.id).toBeUndefined();
    expect(lessons.find((l) => l.order === 6)?.rootless).toMatch(/cgroup v2 subtree systemd delegates.*mkdir\(2\) in cgroupfs needs root.*skipped/);
  });

  it('every lesson has at least two tasks, each with hints, and a kernel test that solves it for real', () => {
    const kernelTests = readdirSync(new URL('../../kernel/tasks/', import.meta.url));
    for (const l of lessons) {
      const tasks = l.steps.flatMap((s) => s.tasks);
      expect(tasks.length, l.id).toBeGreaterThanOrEqual(2);
      for (const t of tasks) expect(t.hints.length, `${l.id}/${t.id}`).toBeGreaterThan(0);
      const name = `${l.file.split('/').pop()!.replace(/\.md$/, '')}.test.ts`;
      expect(kernelTests, l.id).toContain(name);
      const test = readFileSync(new URL(`../../kernel/tasks/${name}`, import.meta.url), 'utf8');
      for (const t of tasks) expect(test, `${name} solves ${t.id}`).toMatch(new RegExp(`expectSolved\\([^)]*'${t.id}'`));
    }
  });

  it('loads with zero errors', () => {
    expect(errors.map((e) => formatLoadError(e))).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(2);
  });

  it('01: a container is just a process', () => {
    const lesson = lessons.find((l) => l.id === 'just-a-process');
    expect(lesson).toMatchObject({ title: 'A container is just a process', privilege: 'rootless', order: 1 });
    expect(outline(lesson)).toEqual([
      'unshare {"namespaces":["uts","pid","mnt","ipc","net"]} | ns-differs {"ns":"uts"}, ns-differs {"ns":"mnt"}, ns-differs {"ns":"net"}, ns-differs {"ns":"ipc"}, ns-differs {"ns":"pid"}',
      'make-mounts-private {} | mounts-private {}',
      'start-init {} | init-pid-inside {"equals":1}, init-visible-from-host {}',
      'sethostname {"name":"container-lab"} | hostname-inside {"equals":"container-lab"}, host-hostname-unchanged {}',
      'run {"command":["hostname"],"where":"container"} | output-matches {"pattern":"^container-lab$"}',
      'run {"command":["uname","-r"],"where":"container"} | same-kernel {}, output-matches {"pattern":"^\\\\d+\\\\.\\\\d+"}',
    ]);
  });

  it('02: namespaces, one step per namespace', () => {
    const lesson = lessons.find((l) => l.id === 'namespaces');
    expect(lesson).toMatchObject({ title: 'Namespaces', privilege: 'rootless', order: 2 });
    expect(outline(lesson)).toEqual([
      'unshare {"namespaces":["uts"]} | ns-differs {"ns":"uts"}, ns-same {"ns":"net"}',
      'sethostname {"name":"container-lab"} | hostname-inside {"equals":"container-lab"}, host-hostname-unchanged {}',
      'unshare {"namespaces":["mnt"]} | ns-differs {"ns":"mnt"}',
      'make-mounts-private {} | mounts-private {}',
      'mount-tmpfs {"size":"4m"} | mount-invisible-on-host {"fstype":"tmpfs"}',
      'unshare {"namespaces":["pid"]} | ns-differs {"ns":"pid"}',
      'start-init {} | init-pid-inside {"equals":1}, init-visible-from-host {}',
      'mount-proc {} | proc-lists-only-container {}',
      'unshare {"namespaces":["net"]} | ns-differs {"ns":"net"}, links {"only":["lo"],"up":false,"of":"container"}',
      'link-up {"name":"lo"} | links {"only":["lo"],"up":true,"of":"container"}',
      'run {"command":["ip","link"],"where":"container"} | output-matches {"pattern":"lo: <LOOPBACK,UP"}, links {"only":["lo"],"up":true,"of":"container"}',
      'unshare {"namespaces":["ipc"]} | ns-differs {"ns":"ipc"}',
      'join-cgroup {} | ns-same {"ns":"cgroup"}',
      'unshare {"namespaces":["cgroup"]} | ns-differs {"ns":"cgroup"}, cgroup-root-inside {}',
      'user-namespace {"outsideUid":100000} | uid-mapped {"inside":0,"outside":100000}, ns-differs {"ns":"user"}',
      'run {"command":["ps","-e","-o","pid,comm"],"where":"container"} | output-matches {"pattern":"^\\\\s*1 "}',
    ]);
  });

  it('every step has a slide, notes and at least one check; output patterns are valid regexes', () => {
    for (const lesson of lessons.filter((l) => l.id === 'just-a-process' || l.id === 'namespaces')) {
      expect(lesson.intro).not.toBe('');
      for (const step of lesson.steps) {
        expect(step.slide, step.title).not.toBe('');
        expect(step.notes, step.title).not.toBe('');
        expect(step.checks.length, step.title).toBeGreaterThan(0);
        for (const c of step.checks) {
          if (c.kind === 'output-matches') expect(() => new RegExp(String(c.params.pattern), 'm')).not.toThrow();
        }
      }
    }
  });

  it('output patterns match what the real programs print', () => {
    const re = (p: string) => new RegExp(p, 'm');
    expect(re('^container-lab$').test('container-lab')).toBe(true);
    expect(re('^\\d+\\.\\d+').test('6.1.0-28-amd64')).toBe(true);
    expect(re('lo: <LOOPBACK,UP').test('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue')).toBe(true);
    expect(re('^\\s*1 ').test('    PID COMMAND\n      1 sleep\n      7 ps')).toBe(true);
    expect(re('^\\s*1 ').test('    PID COMMAND\n     12 sleep\n     17 ps')).toBe(false);
  });
});
