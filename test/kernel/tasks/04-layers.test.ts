// Lesson 4's tasks for real, in container c2: a copy-up that leaves the lower layer as its tar has it; a whiteout that hides a lower file.
import { expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { openTask, expectSolved, expectUnsolved } from '../../support/taskRun.js';
import { builderPid, inNamespaces, mountinfo } from '../../support/kernelView.js';
import { statType } from '../../support/layersView.js';

/** A container's overlay as the container's mountinfo shows it: merged, upperdir and the bottom lowerdir. */
function overlay(name: string): { merged: string; upper: string; base: string } {
  const line = mountinfo(builderPid()).map((l) => l.split(' ')).find((f) => f[4].endsWith(`/containers/${name}/merged`) && f[f.indexOf('-') + 1] === 'overlay');
  if (!line) throw new Error(`no overlay for ${name} in the container's mountinfo`);
  const options = Object.fromEntries(line[line.length - 1].split(',').map((o) => o.split('=') as [string, string]));
  return { merged: line[4], upper: options.upperdir, base: options.lowerdir.split(':').pop()! };
}

/** What the learner types in `sudo nsenter -t <PID> -m sh`: one command in the container process's mount namespace. */
function inMounts(command: string): string {
  return inNamespaces(builderPid(), ['--mount'], ['sh', '-c', command]);
}

describeAsRoot('lesson layers: its tasks, solved for real', () => {
  const live = useLiveLesson('layers');

  it('copy-up-hostname: editing the layer itself stays open; writing through c2\'s merged solves it, the layer unchanged', async () => {
    await openTask(live, 'copy-up-hostname');
    const c2 = overlay('c2');
    const lowerFile = join(c2.base, 'etc/hostname');
    const original = readFileSync(lowerFile);
    // the tempting wrong way: change the read-only layer's directory by hand
    writeFileSync(lowerFile, 'mine\n');
    const wrong = await expectUnsolved(live, 'copy-up-hostname');
    expect(wrong.checks[0].detail).toBe('upperdir has no copy of etc/hostname');
    writeFileSync(lowerFile, original);
    inMounts(`echo mine > ${c2.merged}/etc/hostname`);
    const solved = await expectSolved(live, 'copy-up-hostname');
    expect(solved.checks[0].detail).toMatch(/^copied up: upper etc\/hostname \(5 bytes, inode \d+\) ≠ layers\/1\/etc\/hostname/);
    expect(readFileSync(join(c2.upper, 'etc/hostname'), 'utf8')).toBe('mine\n');
    expect(readFileSync(lowerFile)).toEqual(original);
    expect(inMounts(`cat ${c2.merged}/etc/hostname`)).toBe('mine\n');
  });

  it('whiteout-os-release: deleting it in c1 instead stays open; rm through c2\'s merged leaves a 0:0 device in c2\'s upper', async () => {
    await openTask(live, 'whiteout-os-release');
    const [c1, c2] = [overlay('c1'), overlay('c2')];
    inMounts(`rm ${c1.merged}/etc/os-release`);
    const wrong = await expectUnsolved(live, 'whiteout-os-release');
    expect(wrong.checks[0].detail).toBe('upperdir has nothing at etc/os-release');
    inMounts(`rm ${c2.merged}/etc/os-release`);
    await expectSolved(live, 'whiteout-os-release');
    expect(statType(join(c2.upper, 'etc/os-release'))).toBe('character special file 0:0');
    expect(readFileSync(join(c2.base, 'etc/os-release'), 'utf8')).toMatch(/^NAME="container-lab"/);
    expect(inMounts(`ls ${c2.merged}/etc`).split('\n')).not.toContain('os-release');
  });
});
