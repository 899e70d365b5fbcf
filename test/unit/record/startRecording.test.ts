// Nothing of the user's or the host's beyond what the panels showed goes into a recording: no home, user name, PATH or install path.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRecording } from '../../../src/record/startRecording.js';
import { scrubber } from '../../../src/record/scrub.js';
import { packageRoot } from '../../../src/sys/packageRoot.js';
import type { Snapshot } from '../../../src/types.js';
import { baseSnapshot } from '../../ui/fakeSession.js';
import { fakeLesson } from '../../support/fakeRecording.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'container-lab-rec-')), 'r.cast');

/** A snapshot as a user's laptop gives one: node from the home directory, the package under it, a mount there. */
function laptopSnapshot(home: string, pkg: string): Snapshot {
  const base = baseSnapshot();
  return {
    ...base,
    processes: [{ ...base.processes[0], cmdline: `${home}/.nvm/versions/node/v20.11.0/bin/node ${pkg}/dist/src/programs/builder.js --container-lab-builder` }],
    mounts: [...base.mounts, { ...base.mounts[0], mountId: 90, mountPoint: `${home}/projects`, source: `${home}/disk.img`, added: false }],
  };
}

function record(env: NodeJS.ProcessEnv, snapshot: Snapshot): string {
  const file = tempFile();
  const lesson = { ...fakeLesson(), file: `${env.HOME}/lessons/02-namespaces.md` };
  const w = startRecording(file, lesson, { width: 80, height: 24 }, env);
  w.output(`\u001b[32m${snapshot.processes[0].cmdline}\u001b[0m\r\n`);
  w.event({ type: 'snapshot', snapshot }, performance.now());
  w.event({ type: 'step-finished', index: 0, advance: true, run: { status: 'done', log: [], output: [`cwd ${env.HOME}`], checks: [], ms: 1 } }, performance.now());
  w.close();
  expect(w.failure).toBeNull();
  return readFileSync(file, 'utf8');
}

describe('a recording holds nothing secret', () => {
  it('no value of HOME, USER or PATH, and not the package directory: they become ~ and <container-lab>', () => {
    const env = { HOME: '/home/presenter-q7', USER: 'presenter-q7', PATH: '/home/presenter-q7/.local/bin:/usr/local/bin:/usr/bin' };
    const text = record(env, laptopSnapshot(env.HOME, packageRoot()));
    for (const value of [env.HOME, env.USER, env.PATH, packageRoot()]) expect(text).not.toContain(value);
    expect(text).toContain('~/.nvm/versions/node/v20.11.0/bin/node <container-lab>/dist/src/programs/builder.js');
    expect(text).toContain(String.raw`\"file\":\"02-namespaces.md\"`);
    // this process's own environment too (the user name is left out when it is a word every lesson uses)
    const real = record(process.env, laptopSnapshot(process.env.HOME ?? '/root', packageRoot()));
    for (const value of [process.env.HOME, process.env.PATH, packageRoot()]) if (value && value.length > 1) expect(real).not.toContain(value);
    if (process.env.USER && process.env.USER !== 'root') expect(real).not.toContain(process.env.USER);
  });

  it('a path is taken out where it is whole or leads a longer path, not inside a longer name', () => {
    const scrub = scrubber({ packageRoot: '/home/al/lab', home: '/home/al' });
    expect(scrub('/home/al/lab/dist/x.js /home/al /home/al/.cache /home/alice "/home/al"')).toBe('<container-lab>/dist/x.js ~ ~/.cache /home/alice "~"');
    expect(scrub('\u001b[1m/home/al\u001b[0m')).toBe('\u001b[1m~\u001b[0m');
    // root's home is inside the kernel's paths: those stay whole
    const asRoot = scrubber({ packageRoot: '/opt/cl', home: '/root' });
    expect(asRoot('/proc/<pid>/root /proc/5389/root HOME=/root cd /root/x "/root"')).toBe('/proc/<pid>/root /proc/5389/root HOME=~ cd ~/x "~"');
    // "/" and relative homes are no paths to take out
    expect(scrubber({ packageRoot: '/opt/cl', home: '/' })('/usr/bin /opt/cl')).toBe('/usr/bin <container-lab>');
  });

  it('a file that cannot be written fails before anything runs, in one line', () => {
    expect(() => startRecording('/nonexistent-dir/r.cast', fakeLesson(), { width: 80, height: 24 })).toThrow(/^--record \/nonexistent-dir\/r\.cast: cannot write it: ENOENT/);
  });

  it('never writes over a file that is there: the rehearsal before is kept', () => {
    const file = tempFile();
    writeFileSync(file, 'the rehearsal before\n');
    expect(() => startRecording(file, fakeLesson(), { width: 80, height: 24 })).toThrow(/^--record .*r\.cast: the file is there already; give another name, or remove it first$/);
    expect(readFileSync(file, 'utf8')).toBe('the rehearsal before\n');
  });
});
