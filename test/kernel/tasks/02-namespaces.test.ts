// Lesson 2's tasks for real: hostname `mine` inside only; a tmpfs named `mine` in the container's mount table that the host's lacks.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { openTask, expectSolved, expectUnsolved } from '../../support/taskRun.js';
import { builderPid, inNamespaces, mountinfo } from '../../support/kernelView.js';

const hostHostname = () => readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();

/** mountinfo lines whose source (the field after the fs type) is this name. */
function withSource(pid: number | 'self', source: string): string[][] {
  return mountinfo(pid).map((l) => l.split(' ')).filter((f) => f[f.indexOf('-') + 2] === source);
}

describeAsRoot('lesson namespaces: its tasks, solved for real', () => {
  const live = useLiveLesson('namespaces');
  const host = hostHostname();

  it('hostname-mine: another name stays open; `hostname mine` in the container solves it, the host keeps its name', async () => {
    await openTask(live, 'hostname-mine');
    inNamespaces(builderPid(), ['--uts'], ['hostname', 'mine2']);
    const wrong = await expectUnsolved(live, 'hostname-mine');
    expect(wrong.checks.find((c) => !c.ok)?.detail).toBe('hostname inside is mine2, expected mine');
    inNamespaces(builderPid(), ['--uts'], ['hostname', 'mine']);
    await expectSolved(live, 'hostname-mine');
    expect(inNamespaces(builderPid(), ['--uts'], ['hostname']).trim()).toBe('mine');
    expect(hostHostname()).toBe(host);
  });

  it('mount-mine: a tmpfs of another name stays open; `mount -t tmpfs mine /mnt` inside solves it, the host\'s mountinfo never has it', async () => {
    await openTask(live, 'mount-mine');
    const container = builderPid();
    inNamespaces(container, ['--mount'], ['mount', '-t', 'tmpfs', 'other', '/mnt']);
    const wrong = await expectUnsolved(live, 'mount-mine');
    expect(wrong.checks[0].detail).toMatch(/^the container's mount table has no mount with source mine \(it has \d+ mounts\)$/);
    inNamespaces(container, ['--mount'], ['mount', '-t', 'tmpfs', 'mine', '/mnt']);
    const solved = await expectSolved(live, 'mount-mine');
    const [inside] = withSource(container, 'mine');
    expect(inside[4]).toBe('/mnt');
    expect(solved.checks[0].detail).toBe(`tmpfs mine on /mnt: mount ID ${inside[0]}, device ${inside[2]} in the container's mountinfo; no mount of device ${inside[2]} in the host's`);
    // the host's own table: no such source, no such device, no such mount ID
    const hostLines = mountinfo('self').map((l) => l.split(' '));
    expect(withSource('self', 'mine')).toEqual([]);
    expect(hostLines.some((f) => f[2] === inside[2] || f[0] === inside[0])).toBe(false);
  });
});
