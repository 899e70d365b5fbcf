// `list`: each lesson with what it needs, a mark on those the host stops (the reason once, under the table), and --json.
import { describe, expect, it } from 'vitest';
import { lessonRows, listJson, listLines } from '../../../src/cli/listCommand.js';
import { loadAll } from '../../../src/cli/lessonSource.js';
import { UNLIMITED } from '../../../src/lesson/availability.js';
import type { TranscriptStyle } from '../../../src/lesson/transcript.js';

const plain: TranscriptStyle = { ok: (t) => t, bad: (t) => t, dim: (t) => t, bold: (t) => t };
const { lessons } = await loadAll({});
const apparmor = { rootVia: 'su' as const, overlay: 'module' as const, userns: { setting: 'kernel.apparmor_restrict_unprivileged_userns', value: '1', why: 'AppArmor restricts it', fix: "su -c 'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0'" } };

describe('list', () => {
  it('as root on a host that blocks nothing: no marks', () => {
    const lines = listLines(lessonRows(lessons, { mode: 'root', hostDocker: null, host: UNLIMITED }), plain);
    const notes = (l: string) => l.startsWith('    root because: ') || l.startsWith('    rootless except: ');
    expect(lines.filter((l) => !notes(l))).toHaveLength(lessons.length);
    expect(lines.filter((l) => l.startsWith('    root because: ')), 'every root lesson says why').toHaveLength(lessons.filter((l) => l.privilege === 'root').length);
    expect(lines.join('\n')).not.toContain('✗');
  });

  it('rootless, a rootless lesson some steps of which still need root (or a delegated cgroup) says which, under its row', () => {
    const lines = listLines(lessonRows(lessons, { mode: 'rootless', hostDocker: null, host: UNLIMITED }), plain);
    const row = lines.findIndex((l) => / by-hand /.test(l));
    expect(lines[row]).toMatch(/A container by hand +root or rootless$/);
    expect(lines[row + 1]).toMatch(/^ {4}rootless except: cgroup steps: rootless they need a cgroup v2 subtree systemd delegates to the user .*skipped, saying why$/);
    expect(lines.filter((l) => l.startsWith('    rootless except: '))).toHaveLength(1);
  });

  it('rootless on Ubuntu 24.04 without sudo: every lesson marked, each reason once with its fix, never --sudo', () => {
    const rows = lessonRows(lessons, { mode: 'rootless', hostDocker: null, host: apparmor });
    expect(rows.every((r) => r.reason !== null)).toBe(true);
    const lines = listLines(rows, plain);
    expect(lines.find((l) => / namespaces /.test(l))).toMatch(/✗ a$/);
    expect(lines.find((l) => / cgroups /.test(l))).toMatch(/✗ b$/);
    const notes = lines.slice(lines.indexOf('Cannot run here:') + 1);
    expect(notes[0]).toBe("✗ a  needs an unprivileged user namespace, and AppArmor restricts it. Fix: su -c 'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0'");
    expect(notes[1]).toMatch(/^✗ b {2}needs root \(cgroup limits: .+\): sudo is not installed here: run container-lab as root \(e\.g\. in a shell from su -\)$/);
    for (const note of notes.slice(2)) expect(note).toMatch(/^✗ [c-z] {2}needs root \(.+\): sudo is not installed here/);
    expect(lines.join('\n')).not.toMatch(/--sudo/);
  });

  it('--json: one document with every lesson, whether it can run here and why not', () => {
    const rows = lessonRows(lessons, { mode: 'rootless', hostDocker: null, host: apparmor });
    const doc = JSON.parse(listJson(rows, [], 'rootless'));
    expect(doc.mode).toBe('rootless');
    expect(doc.lessons).toHaveLength(lessons.length);
    expect(doc.lessons[1]).toMatchObject({ number: 2, id: 'namespaces', privilege: 'rootless', available: false });
    expect(doc.lessons[1].reason).toMatch(/AppArmor/);
    expect(doc.errors).toEqual([]);
  });
});
