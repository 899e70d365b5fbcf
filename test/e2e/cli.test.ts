// The command line's conventions: help, version, exit codes, errors without stack traces, no escapes when piped.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/lesson/packageRoot.js';

const cli = join(packageRoot(), 'dist/src/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30000, env: { ...process.env, CI: 'true' } });
const ESC = '\u001B';

it('--help prints usage on stdout and exits 0', () => {
  const r = run('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Usage: container-lab/);
  expect(r.stdout).toMatch(/run <lesson> --no-tui/);
});

it('--version prints the package version', () => {
  const r = run('--version');
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version);
});

it('usage errors exit 2 with one clear line and no stack trace', () => {
  for (const args of [['--bogus'], ['no-such-lesson-at-all', 'extra'], ['run', 'no-such-lesson', '--no-tui'], ['list', 'x']]) {
    const r = run(...args);
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.stderr).toMatch(/^container-lab: /);
    expect(r.stderr).toMatch(/Try: container-lab --help/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

it('the interactive app without a terminal says what to do instead', () => {
  const r = run('just-a-process');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/needs a terminal.*run <lesson> --no-tui/);
});

it('output that is not a terminal has no escape codes; NO_COLOR is honoured', () => {
  const list = run('list');
  expect(list.status).toBe(0);
  expect(list.stdout).toMatch(/just-a-process/);
  expect(list.stdout).not.toContain(ESC);
  const doctor = spawnSync(process.execPath, [cli, 'doctor'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(doctor.stdout).not.toContain(ESC);
  expect(doctor.stdout).toMatch(/cgroups: (v1|v2|hybrid)/);
});
