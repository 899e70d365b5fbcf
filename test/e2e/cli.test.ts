// The command line's conventions: help, version, exit codes, errors without stack traces, no escapes when piped.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';

// the package's bin: the Node check, then the command line
const cli = join(packageRoot(), 'dist/src/main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30000, env: { ...process.env, CI: 'true' } });
const ESC = '\u001B';

it('--help prints usage on stdout and exits 0', () => {
  const r = run('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Usage: container-lab/);
  expect(r.stdout).toMatch(/run <lesson> --no-tui/);
});

it('on a Node older than 20 it says which Node it needs and how to get it, before any dependency loads', () => {
  // Node 18 cannot parse some dependencies (a raw SyntaxError from a regular expression flag):
  // pretend to be Node 18 before the entry runs, and see that nothing but the check speaks.
  const old = 'data:text/javascript,Object.defineProperty(process,"version",{value:"v18.19.1"})';
  for (const args of [['list'], ['doctor'], ['--help']]) {
    const r = spawnSync(process.execPath, ['--import', old, cli, ...args], { encoding: 'utf8', timeout: 30000 });
    expect(r.status, args.join(' ')).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('container-lab needs Node 20 or newer; this is Node 18.19.1.\n'
      + 'Install Node 20 or newer (your distribution\'s nodejs package if it is new enough, NodeSource, or nvm: nvm install 20), then run it again.\n');
  }
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

it('without the chain programs, the chain lessons say what to install, and the rest still runs', () => {
  // a PATH with util-linux and iproute2 but none of docker, dockerd, containerd, ctr, runc
  const bin = join(packageRoot(), '.test-results', 'path-without-chain');
  spawnSync('mkdir', ['-p', bin]);
  for (const tool of ['unshare', 'nsenter', 'setpriv', 'ip', 'sleep', 'sh', 'hostname', 'mount']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (found) spawnSync('ln', ['-sf', found, join(bin, tool)]);
  }
  const env = { ...process.env, CI: 'true', PATH: bin };
  const list = spawnSync(process.execPath, [cli, 'list'], { encoding: 'utf8', env });
  expect(list.status).toBe(0);
  const rest = list.stdout.split('\n').find((l) => l.includes('docker-rest'));
  expect(rest).toMatch(/needs docker, dockerd, containerd, ctr, containerd-shim-runc-v2, runc \(not installed\): .*install/);
  expect(list.stdout.split('\n').find((l) => l.includes('just-a-process'))).not.toMatch(/not installed/);
  const chain = spawnSync(process.execPath, [cli, 'run', 'docker-rest', '--no-tui'], { encoding: 'utf8', env });
  expect(chain.status).toBe(1);
  expect(chain.stderr).toMatch(/^container-lab: docker-rest needs .*\(not installed\): /);
  expect(chain.stderr).not.toMatch(/\n\s+at /);
});
