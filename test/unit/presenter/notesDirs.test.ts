// Notes directories in a temporary state root: made whole or not at all, found live newest first, removed when dead.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNotesDir, liveNotesDirs, removeDeadNotesDirs } from '../../../src/presenter/notesDirs.js';
import { processStartTime } from '../../../src/stateRoot.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'notes-dirs-test-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function dirOwnedBy(name: string, owner: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'owner'), owner);
  return dir;
}

/** The PID of a process that has exited (and been reaped). */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

describe('notes directories', () => {
  it('createNotesDir leaves only notes-<random> with its owner file: nothing half made is ever visible under that name', () => {
    const dir = createNotesDir(root);
    expect(readdirSync(root)).toEqual([dir.slice(root.length + 1)]);
    expect(liveNotesDirs(root)).toEqual([{ dir, socket: join(dir, 'notes.sock'), pid: process.pid }]);
  });

  it('liveNotesDirs: only those whose owner runs (same PID and start time), the newest start first', () => {
    const start = Number(processStartTime(process.pid));
    const parent = Number(processStartTime(process.ppid));
    dirOwnedBy('notes-older1', `${process.ppid} ${parent}\n`);
    dirOwnedBy('notes-newer1', `${process.pid} ${start}\n`);
    dirOwnedBy('notes-dead01', `${deadPid()} 12345\n`);
    dirOwnedBy('notes-reused', `${process.pid} ${start - 1}\n`); // the PID, but another process's start: gone
    dirOwnedBy('session-abc', `${process.pid} ${start}\n`); // a helper's session, not notes
    // the parent (the test runner) started before this process
    expect(liveNotesDirs(root).map((l) => l.dir.slice(root.length + 1))).toEqual(['notes-newer1', 'notes-older1']);
  });

  it('removeDeadNotesDirs removes the dead, keeps the live, the helper\'s sessions, and a directory being made', () => {
    const live = dirOwnedBy('notes-live01', `${process.pid} ${processStartTime(process.pid)}\n`);
    const dead = dirOwnedBy('notes-dead01', `${deadPid()} 12345\n`);
    const noOwner = join(root, 'notes-noown1');
    mkdirSync(noOwner);
    const making = join(root, '.making-notes-abc123');
    mkdirSync(making);
    const stale = join(root, '.making-notes-old123');
    mkdirSync(stale);
    utimesSync(stale, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const session = dirOwnedBy('session-xyz', `${deadPid()} 12345\n`);
    expect(removeDeadNotesDirs(root).sort()).toEqual([stale, dead, noOwner].sort());
    expect([live, making, session].every((d) => existsSync(d))).toBe(true);
  });

  it('a root that is not there: nothing live, nothing removed', () => {
    expect(liveNotesDirs(join(root, 'missing'))).toEqual([]);
    expect(removeDeadNotesDirs(join(root, 'missing'))).toEqual([]);
  });
});
