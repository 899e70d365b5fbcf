import { expect, it } from 'vitest';
import { notLinux } from '../../../src/lesson/notLinux.js';
import { whyUnavailable } from '../../../src/lesson/availability.js';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';

const { lessons } = loadLessons(join(import.meta.dirname, '../../../lessons'));

it('says nothing on Linux, and names the system and what a lesson needs elsewhere', () => {
  expect(notLinux('linux')).toBeNull();
  expect(notLinux('darwin')).toMatch(/^runs only on Linux, and this is macOS \(.*namespaces, cgroups and mounts/);
  expect(notLinux('win32')).toMatch(/^runs only on Linux, and this is Windows \(.*WSL 2/);
  expect(notLinux('haiku' as NodeJS.Platform)).toMatch(/^runs only on Linux, and this is haiku/);
});

it('off Linux no lesson is available, whatever the privilege, and the reason is the platform', () => {
  expect(lessons.length).toBe(readdirSync(join(import.meta.dirname, '../../../lessons')).filter((n) => /^\d\d-.*\.md$/.test(n)).length);
  for (const lesson of lessons) {
    expect(whyUnavailable(lesson, { mode: 'root', hostDocker: null, platform: 'darwin', find: () => '/usr/bin/x' })).toMatch(/^runs only on Linux, and this is macOS/);
    // on Linux as root with every program found, the same lesson is available
    expect(whyUnavailable(lesson, { mode: 'root', hostDocker: null, platform: 'linux', find: () => '/usr/bin/x' })).toBeNull();
  }
});
