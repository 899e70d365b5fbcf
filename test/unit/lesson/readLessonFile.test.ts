// Lesson files are read bounded and never block: FIFOs, sockets and devices are skipped unopened, big files refused.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSON_MAX_BYTES, readLessonFile } from '../../../src/lesson/readLessonFile.js';
import { loadLessons } from '../../../src/lesson/loadLessons.js';

const lesson = (id: string, title: string, pad = '') => `---
id: ${id}
title: ${title}
summary: A test lesson.
privilege: rootless
order: 1
---
${pad}
## Only step
\`\`\`action
do: join-cgroup
\`\`\`
`;

let dir: string;
let server: Server;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'container-lab-test-read-'));
  writeFileSync(join(dir, '01-good.md'), lesson('good', 'Good'));
  execFileSync('mkfifo', [join(dir, '02-fifo.md')]);
  writeFileSync(join(dir, '03-big.md'), lesson('big', 'Big', 'x'.repeat(5 * 1024 * 1024)));
  writeFileSync(join(dir, '04-escapes.md'), lesson('escapes', '"Evil \\e]0;pwned\\a \\e[31mred\\u202e"'));
  symlinkSync('/dev/null', join(dir, '05-device.md'));
  mkdirSync(join(dir, '06-dir.md'));
  symlinkSync(join(dir, '01-good.md'), join(dir, '07-link.md'));
  symlinkSync(join(dir, 'nowhere'), join(dir, '08-dangling.md'));
  writeFileSync(join(dir, '09-at-limit.md'), lesson('at-limit', 'At the limit').padEnd(LESSON_MAX_BYTES, ' '));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(join(dir, '10-socket.md'), resolve));
});

afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readLessonFile', () => {
  it('reads a regular file', () => {
    expect(readLessonFile(join(dir, '01-good.md'))).toEqual({ text: lesson('good', 'Good') });
  });

  it('skips a FIFO at once, with no writer on the other end', () => {
    const started = performance.now();
    expect(readLessonFile(join(dir, '02-fifo.md'))).toEqual({ skipped: 'skipped: a FIFO, not a regular file' });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('skips sockets, devices (without opening them) and directories', () => {
    expect(readLessonFile(join(dir, '10-socket.md'))).toEqual({ skipped: 'skipped: a socket, not a regular file' });
    expect(readLessonFile(join(dir, '05-device.md'))).toEqual({ skipped: 'skipped: a character device, not a regular file' });
    expect(readLessonFile(join(dir, '06-dir.md'))).toEqual({ skipped: 'skipped: a directory, not a regular file' });
  });

  it('follows a symlink to a regular file; a dangling one cannot be read', () => {
    expect(readLessonFile(join(dir, '07-link.md'))).toEqual({ text: lesson('good', 'Good') });
    expect(readLessonFile(join(dir, '08-dangling.md'))).toEqual({ line: 0, message: 'cannot read the file (ENOENT: no such file or directory)' });
  });

  it('refuses a file over the limit on line 1 without reading it, and reads one at the limit', () => {
    expect(readLessonFile(join(dir, '03-big.md'))).toEqual({
      line: 1,
      message: 'the file is 5.0 MiB, over the 256 KiB a lesson file may be (it was not read)',
    });
    const atLimit = readLessonFile(join(dir, '09-at-limit.md'));
    expect('text' in atLimit && atLimit.text.length).toBe(LESSON_MAX_BYTES);
    expect(readLessonFile(join(dir, '01-good.md'), 20)).toMatchObject({ line: 1, message: expect.stringMatching(/over the 1 KiB/) });
  });
});

describe('loadLessons over a hostile lesson folder', () => {
  it('returns at once, loads the good lessons and says what it skipped', () => {
    const started = performance.now();
    const { lessons, errors } = loadLessons(dir);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(lessons.map((l) => l.id).sort()).toEqual(['at-limit', 'escapes', 'good']);
    const shown = errors.map((e) => [e.file.slice(dir.length + 1), e.line, e.message]);
    expect(shown).toEqual([
      ['02-fifo.md', 0, 'skipped: a FIFO, not a regular file'],
      ['03-big.md', 1, 'the file is 5.0 MiB, over the 256 KiB a lesson file may be (it was not read)'],
      ['05-device.md', 0, 'skipped: a character device, not a regular file'],
      ['06-dir.md', 0, 'skipped: a directory, not a regular file'],
      ['07-link.md', 2, expect.stringMatching(/^duplicate id "good"/)],
      ['08-dangling.md', 0, 'cannot read the file (ENOENT: no such file or directory)'],
      ['10-socket.md', 0, 'skipped: a socket, not a regular file'],
    ]);
  });

  it('shows a title\'s escape sequences (YAML escapes included) escaped', () => {
    const { lessons } = loadLessons(dir);
    const title = lessons.find((l) => l.id === 'escapes')?.title;
    expect(title).toBe('Evil \\x1b]0;pwned\\x07 \\x1b[31mred\\u202e');
  });
});
