// The crash reaper's protocol: a watched session whose helper is gone is removed when stdin ends; a released or live one is kept.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { programs } from '../../../src/sys/paths.js';
import { processStartTime } from '../../../src/stateRoot.js';
import { ensureBuilt } from '../../support/built.js';

beforeAll(() => ensureBuilt(programs.reaper), 180_000);

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A session dir whose `owner` names the given helper (PID and start time). */
function sessionDir(owner: string): string {
  const root = mkdtempSync('/tmp/container-lab-test-reaper-');
  roots.push(root);
  const dir = join(root, 'session-T3st0k');
  mkdirSync(join(dir, 'layers/1'), { recursive: true });
  writeFileSync(join(dir, 'owner'), owner + '\n');
  return dir;
}

/** Starts the built reaper, writes the lines, closes its stdin; resolves with the ms it took to exit. */
function runReaper(lines: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [programs.reaper, '--container-lab-reaper'], { stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin.end(lines.map((l) => l + '\n').join(''));
  return new Promise((resolve) => child.on('exit', () => resolve(performance.now() - started)));
}

const DEAD_HELPER = '4194305 1'; // above pid_max's largest value: never a live process

describe('reaper', () => {
  it('removes a watched session when its helper is gone', async () => {
    const dir = sessionDir(DEAD_HELPER);
    await runReaper([`session ${dir}`]);
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps a session the helper released (end-session)', async () => {
    const dir = sessionDir(DEAD_HELPER);
    await runReaper([`session ${dir}`, `end-session ${dir}`]);
    expect(existsSync(dir)).toBe(true);
  });

  it('never touches a session whose helper still runs, and gives up on it within about 2 s', async () => {
    const dir = sessionDir(`${process.pid} ${processStartTime(process.pid)}`);
    const ms = await runReaper([`session ${dir}`]);
    expect(existsSync(join(dir, 'layers/1'))).toBe(true);
    expect(ms).toBeLessThan(4000);
  });

  it('kills what the dead helper\'s container process left outside any cgroup (CONTAINER_LAB_PARENT), and nothing else', async () => {
    const dir = sessionDir('4194305 0');
    const orphan = spawn('sleep', ['30'], { env: { ...process.env, CONTAINER_LAB_PARENT: '4194305' }, stdio: 'ignore' });
    const other = spawn('sleep', ['30'], { env: { ...process.env, CONTAINER_LAB_PARENT: '4194304' }, stdio: 'ignore' });
    const ended = (c: typeof orphan) => new Promise<string | null>((r) => c.on('exit', (_code, signal) => r(signal)));
    const orphanEnd = ended(orphan);
    try {
      await runReaper([`session ${dir}`]);
      expect(await orphanEnd).toBe('SIGKILL');
      expect(other.exitCode === null && other.signalCode === null).toBe(true);
    } finally {
      orphan.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });

  it('exits at once with nothing watched', async () => {
    expect(await runReaper([])).toBeLessThan(2000);
  });
});
