// The progress file on disk: atomic replace, a corrupt or unreadable file kept aside, merging, and ownership under sudo.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProgress, recordSeen, removeProgress, writeProgress } from '../../../src/progress/store.js';
import { progressLocation, type ProgressLocation } from '../../../src/progress/location.js';
import type { Progress } from '../../../src/progress/schema.js';

const isRoot = (process.geteuid?.() ?? -1) === 0;

let dir: string;
let loc: ProgressLocation;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'progress-store-test-'));
  loc = { file: join(dir, 'state', 'container-lab', 'progress.json'), owner: null };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (stepsReached: number) => ({ opened: '2026-12-07T10:00:00.000Z', last: '2026-12-07T11:00:00.000Z', stepsReached, steps: 16, tasksSolved: {}, hintsUsed: {} });
const withLesson = (id: string, stepsReached: number): Progress => ({ format: 1, lessons: { [id]: record(stepsReached) } });
const NOW = new Date('2026-12-07T15:55:11.123Z');

describe('writeProgress and readProgress', () => {
  it('no file yet is empty progress, without a message', () => {
    expect(readProgress(loc.file)).toEqual({ progress: { format: 1, lessons: {} }, message: null });
  });

  it('writes the file (making its directories) and reads it back; no temporary file stays', () => {
    writeProgress(loc, withLesson('namespaces', 5));
    expect(readProgress(loc.file)).toEqual({ progress: withLesson('namespaces', 5), message: null });
    expect(readdirSync(join(dir, 'state', 'container-lab'))).toEqual(['progress.json']);
  });

  it('a crash between the temporary file and the rename leaves the old file whole, and the next write goes through', () => {
    writeProgress(loc, withLesson('namespaces', 5));
    // what a write killed before its rename leaves: a half-written temporary file beside the old one
    const temp = `${loc.file}.${process.pid}.tmp`;
    writeFileSync(temp, '{"format":1,"lessons":{"namespa');
    expect(readProgress(loc.file)).toEqual({ progress: withLesson('namespaces', 5), message: null });
    writeProgress(loc, withLesson('namespaces', 7));
    expect(readProgress(loc.file).progress).toEqual(withLesson('namespaces', 7));
    expect(existsSync(temp)).toBe(false);
  });

  it('never writes through a symlink left at the temporary name', () => {
    writeProgress(loc, withLesson('namespaces', 1));
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, `${loc.file}.${process.pid}.tmp`);
    writeProgress(loc, withLesson('namespaces', 2));
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(readProgress(loc.file).progress).toEqual(withLesson('namespaces', 2));
  });
});

describe('a progress file that cannot be used', () => {
  it('not JSON: kept aside under a dated name with a one-line message, and progress starts empty', () => {
    mkdirSync(join(dir, 'state', 'container-lab'), { recursive: true });
    writeFileSync(loc.file, '{"format":1,"less');
    const { progress, message } = readProgress(loc.file, NOW);
    expect(progress).toEqual({ format: 1, lessons: {} });
    expect(message).toBe('container-lab: the progress file could not be read (not JSON); it is kept as progress.json.corrupt-20261207T155511123Z and progress starts afresh');
    expect(existsSync(loc.file)).toBe(false);
    expect(readFileSync(`${loc.file}.corrupt-20261207T155511123Z`, 'utf8')).toBe('{"format":1,"less');
  });

  it('JSON of another shape is kept aside too', () => {
    mkdirSync(join(dir, 'state', 'container-lab'), { recursive: true });
    writeFileSync(loc.file, JSON.stringify({ format: 1, lessons: { x: { stepsReached: 'many' } } }));
    expect(readProgress(loc.file, NOW).message).toMatch(/\(not a progress file this version knows\); it is kept as progress\.json\.corrupt-/);
    expect(existsSync(loc.file)).toBe(false);
  });

  it('a directory where the file should be cannot be read: moved aside, and the next write makes a new file', () => {
    mkdirSync(loc.file, { recursive: true });
    expect(readProgress(loc.file, NOW).message).toMatch(/\(it is a directory\); it is kept as progress\.json\.corrupt-20261207T155511123Z/);
    expect(recordSeen(loc, 'namespaces', { at: 'A', stepsReached: 1, steps: 3 })).toBeNull();
    expect(statSync(loc.file).isFile()).toBe(true);
  });

  it('a file without read permission is moved aside (as root, read with the effective uid of nobody: root reads it anyway)', () => {
    mkdirSync(join(dir, 'state', 'container-lab'), { recursive: true });
    writeFileSync(loc.file, JSON.stringify(withLesson('namespaces', 1)));
    chmodSync(loc.file, 0o000);
    const read = (): string | null => readProgress(loc.file, NOW).message;
    let message: string | null;
    if (isRoot) {
      // the user's own directories, an unreadable file in them: what a user meets after a careless chmod
      for (const p of [dir, join(dir, 'state'), join(dir, 'state', 'container-lab'), loc.file]) chownSync(p, 65534, 65534);
      process.seteuid!(65534);
      try {
        message = read();
      } finally {
        process.seteuid!(0);
      }
    } else message = read();
    expect(message).toMatch(/\(permission denied\); it is kept as progress\.json\.corrupt-/);
  });
});

describe('recordSeen', () => {
  it('merges one lesson into what the file holds: another app\'s lessons stay', () => {
    writeProgress(loc, withLesson('cgroups', 4));
    recordSeen(loc, 'namespaces', { at: '2026-12-07T12:00:00.000Z', stepsReached: 2, steps: 16 });
    recordSeen(loc, 'namespaces', { at: '2026-12-07T13:00:00.000Z', stepsReached: 1, steps: 16 });
    const { lessons } = readProgress(loc.file).progress;
    expect(lessons.cgroups).toEqual(record(4));
    expect(lessons.namespaces).toMatchObject({ opened: '2026-12-07T12:00:00.000Z', last: '2026-12-07T13:00:00.000Z', stepsReached: 2 });
  });

  it('returns the message of a corrupt file it set aside, and writes fresh progress', () => {
    mkdirSync(join(dir, 'state', 'container-lab'), { recursive: true });
    writeFileSync(loc.file, 'garbage');
    expect(recordSeen(loc, 'namespaces', { at: 'A', stepsReached: 1, steps: 3 })).toMatch(/kept as progress\.json\.corrupt-/);
    expect(Object.keys(readProgress(loc.file).progress.lessons)).toEqual(['namespaces']);
  });
});

describe('under sudo', () => {
  // CI runs as root; as another user chown to someone else is refused, so this needs root
  it.skipIf(!isRoot)('writes the invoking user\'s file, owned by that user, directories it made included', () => {
    const home = join(dir, 'home-nobody');
    mkdirSync(home);
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, `root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:${home}:/usr/sbin/nologin\n`);
    const sudo = progressLocation({ env: { SUDO_UID: '65534', SUDO_GID: '65534', SUDO_USER: 'nobody', HOME: '/root' }, euid: 0, passwd });
    expect(sudo.file).toBe(join(home, '.local', 'state', 'container-lab', 'progress.json'));
    recordSeen(sudo, 'namespaces', { at: 'A', stepsReached: 3, steps: 16 });
    for (const path of [sudo.file, join(home, '.local'), join(home, '.local', 'state'), join(home, '.local', 'state', 'container-lab')]) {
      const st = statSync(path);
      expect([path, st.uid, st.gid]).toEqual([path, 65534, 65534]);
    }
    expect(readProgress(sudo.file).progress.lessons.namespaces.stepsReached).toBe(3);
  });

  it.skipIf(!isRoot)('refuses a directory reached through a symbolic link', () => {
    const home = join(dir, 'home-nobody');
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    mkdirSync(join(home, '.local'), { recursive: true });
    symlinkSync(join(dir, 'elsewhere'), join(home, '.local', 'state'));
    expect(() => writeProgress({ file: join(home, '.local', 'state', 'container-lab', 'progress.json'), owner: { uid: 65534, gid: 65534 } }, withLesson('x', 1))).toThrow(/goes through a symbolic link/);
  });
});

describe('removeProgress', () => {
  it('removes the file; none is no error', () => {
    writeProgress(loc, withLesson('namespaces', 1));
    expect(removeProgress(loc.file)).toBe(true);
    expect(removeProgress(loc.file)).toBe(false);
  });
});
