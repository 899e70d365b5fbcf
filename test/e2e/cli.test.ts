// The command line's conventions: help, version, exit codes, did-you-mean, --json, doctor's verdict, colours, no escapes when piped.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { whichProgram } from '../../native/findProgram.js';
import { fakeLesson, lessonEvents, recordLines, tempRecording } from '../support/fakeRecording.js';
import { stateHomeOwnedBy } from '../support/ownStateHome.js';
import { namespaceSteps } from '../ui/fakeSession.js';

// the package's bin: the Node check, then the command line
const cli = join(packageRoot(), 'dist/app/main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30000, env: { ...process.env, CI: 'true' } });
const ESC = '\u001B';

it('--help prints usage on stdout and exits 0', () => {
  const r = run('--help');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Usage: container-lab/);
  expect(r.stdout).toMatch(/run <lesson> --no-tui/);
});

it('on a Node older than 20 it says what is installed, what it needs and how to get it, exits 2, before any dependency loads', () => {
  // Node 18 cannot parse some dependencies (a raw SyntaxError from a regular expression flag):
  // pretend to be Node 18 before the entry runs, and see that nothing but the check speaks.
  const old = 'data:text/javascript,Object.defineProperty(process,"version",{value:"v18.19.1"})';
  for (const args of [['list'], ['doctor'], ['--help']]) {
    const r = spawnSync(process.execPath, ['--import', old, cli, ...args], { encoding: 'utf8', timeout: 30000 });
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`container-lab needs Node 20 or newer; this is Node 18.19.1 (${process.execPath}).`);
    expect(lines[1]).toBe('Get Node 20 or newer, then run container-lab again:');
    expect(lines.slice(2).map((l) => l.split(/:\s+/)[0].trim())).toEqual(['Ubuntu, Debian', 'Fedora 40 and newer', 'RHEL, Rocky, Alma 8-9', 'any Linux, no root']);
    expect(r.stderr).not.toMatch(/SyntaxError|\n\s+at /);
  }
});

it('help and version are words too; help run shows run\'s usage', () => {
  expect(run('help').stdout).toBe(run('--help').stdout);
  expect(run('version').stdout).toBe(run('--version').stdout);
  const r = run('help', 'run');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Usage: container-lab run <lesson>/);
});

it('run with no lesson prints run\'s usage on stderr and exits 2', () => {
  const r = run('run');
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^container-lab: run needs a lesson\nUsage: container-lab run <lesson>/);
});

it('a misspelled lesson gets the lesson it meant and exits 2, piped and without a terminal', () => {
  for (const args of [['nmespaces'], ['run', 'nmespaces'], ['run', 'nmespaces', '--no-tui']]) {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30000, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.stderr).toMatch(/^container-lab: unknown lesson nmespaces — did you mean namespaces\?\n/);
    expect(r.stderr).not.toMatch(/needs a terminal/);
  }
  const command = run('lsit');
  expect(command.status).toBe(2);
  expect(command.stderr).toMatch(/^container-lab: unknown command lsit — did you mean list\?/);
});

it('--version prints the package version', () => {
  const r = run('--version');
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version);
});

it('usage errors exit 2 with one clear line and no stack trace', () => {
  for (const args of [['--bogus'], ['no-such-lesson-at-all', 'extra'], ['run', 'no-such-lesson', '--no-tui'], ['list', 'x'], ['no-such-lesson-at-all'], ['shell', '--json']]) {
    const r = run(...args);
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.stderr).toMatch(/^container-lab: /);
    expect(r.stderr).toMatch(/Try: container-lab --help/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

it('the interactive app without a terminal, or on TERM=dumb, says what to do instead', () => {
  const r = run('just-a-process');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/needs a terminal.*run just-a-process --no-tui/);
  // script(1) gives it a terminal; TERM=dumb cannot move the cursor, so the app does not open
  const dumb = spawnSync('script', ['-qec', `${process.execPath} ${cli}`, '/dev/null'], { encoding: 'utf8', timeout: 30000, env: { ...process.env, TERM: 'dumb' } });
  expect(dumb.status).toBe(2);
  expect(dumb.stdout).toMatch(/cannot draw on TERM=dumb .*container-lab run <lesson> --no-tui/);
  expect(dumb.stdout).not.toContain(ESC);
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

it('FORCE_COLOR colours piped output and wins over NO_COLOR; FORCE_COLOR=0 and TERM=dumb on a terminal turn colours off', () => {
  const env = (extra: Record<string, string>) => ({ ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...extra });
  const list = (extra: Record<string, string>) => spawnSync(process.execPath, [cli, 'list'], { encoding: 'utf8', env: env(extra) }).stdout;
  expect(list({ FORCE_COLOR: '1' })).toContain(`${ESC}[2m`);
  expect(list({ FORCE_COLOR: '1', NO_COLOR: '1' })).toContain(ESC);
  expect(list({ FORCE_COLOR: '0' })).not.toContain(ESC);
  const onTerminal = (term: string) => spawnSync('script', ['-qec', `${process.execPath} ${cli} list`, '/dev/null'], { encoding: 'utf8', timeout: 30000, env: env({ TERM: term }) }).stdout;
  expect(onTerminal('xterm-256color')).toContain(ESC);
  expect(onTerminal('dumb')).not.toContain(ESC);
});

it('list --json, doctor --json and image --json print one JSON document each', () => {
  const list = run('list', '--json');
  expect(list.status).toBe(0);
  const lessons = JSON.parse(list.stdout).lessons;
  expect(lessons.map((l: { id: string }) => l.id)).toContain('namespaces');
  expect(lessons[0]).toMatchObject({ number: 1, available: expect.any(Boolean) });
  const doctor = run('doctor', '--json');
  const report = JSON.parse(doctor.stdout);
  expect(doctor.status).toBe(report.ok ? 0 : 1);
  expect(report.findings.some((f: { what: string }) => /^Node v\d+/.test(f.what))).toBe(true);
  const image = run('image', '--json'); // builds the image into the run's own cache on first use; progress goes to stderr
  expect(image.status, image.stderr).toBe(0);
  const doc = JSON.parse(image.stdout);
  expect(doc.layers.length).toBeGreaterThanOrEqual(2);
  for (const l of doc.layers) {
    expect(l.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(l.size).toBeGreaterThan(0);
  }
  expect(doc.manifestDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
});

it('doctor exits 0 as root on this host, where every lesson can run, and 1 for a user without root and without sudo', () => {
  if (process.geteuid?.() !== 0) throw new Error('this test runs as root (it also runs doctor as uid 65534)');
  const root = run('doctor', '--json');
  const report = JSON.parse(root.stdout);
  expect(report.lessons.filter((l: { available: boolean }) => !l.available), 'every lesson can run here as root').toEqual([]);
  expect(root.status).toBe(0);
  // uid 65534 with a PATH that has no sudo (this host has none at all; on one that has, the PATH hides it)
  const bin = mkdtempSync(join(tmpdir(), 'container-lab-test-nosudo-'));
  const home = join(bin, 'home');
  mkdirSync(home);
  spawnSync('chmod', ['-R', 'a+rwx', bin]);
  try {
    for (const tool of ['unshare', 'nsenter', 'setpriv', 'ip', 'sleep', 'docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc']) {
      const found = whichProgram(tool);
      if (found) symlinkSync(found, join(bin, tool));
    }
    const asNobody = (...args: string[]) => spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', 'env', `PATH=${bin}`, `HOME=${home}`, `XDG_STATE_HOME=${stateHomeOwnedBy(65534)}`, 'NO_COLOR=1',
      process.execPath, cli, ...args], { encoding: 'utf8', timeout: 60000, cwd: home });
    const json = asNobody('doctor', '--json');
    expect(json.status, json.stderr).toBe(1);
    const nobody = JSON.parse(json.stdout);
    expect(nobody.ok).toBe(false);
    const needsRoot = new Set(JSON.parse(run('list', '--json').stdout).lessons.filter((l: { privilege: string }) => l.privilege === 'root').map((l: { id: string }) => l.id));
    expect(needsRoot.size).toBeGreaterThan(0);
    for (const l of nobody.lessons) {
      // a root lesson says which primitive needs root; the cgroups lesson also why delegation cannot stand in here
      if (needsRoot.has(l.id)) expect(l.reason, l.id).toMatch(/^needs root( \(.+\))?: sudo is not installed here: run container-lab as root|^needs root here, or a cgroup v2 subtree .*sudo is not installed here: run container-lab as root/);
      else expect(l.reason ?? '', l.id).not.toMatch(/^needs root/);
    }
    const text = asNobody('doctor');
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/✗ running as uid 65534, and sudo is not installed/);
    expect(text.stdout).toMatch(/✗ lessons: \d+ of \d+ can run here as uid 65534; these cannot:/);
    expect(text.stdout).not.toMatch(/--sudo/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
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
  // the lesson's line ends in a mark; the reason, with what to install, is under the table
  const mark = / docker-rest .*✗ ([a-z])$/m.exec(list.stdout)?.[1];
  expect(mark).toBeDefined();
  // the app also looks in the sbin directories after PATH (Debian's dockerd and runc live there)
  const chainTools = ['docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc'];
  const missing = chainTools.filter((tool) => whichProgram(tool, bin) === null);
  expect(missing.length).toBeGreaterThan(0);
  expect(list.stdout).toMatch(new RegExp(`^✗ ${mark}  needs ${missing.join(', ')} \\(not installed\\): .*install`, 'm'));
  expect(list.stdout.split('\n').find((l) => l.includes('just-a-process'))).not.toMatch(/✗/);
  const chain = spawnSync(process.execPath, [cli, 'run', 'docker-rest', '--no-tui'], { encoding: 'utf8', env });
  expect(chain.status).toBe(1);
  expect(chain.stderr).toMatch(/^container-lab: docker-rest needs .*\(not installed\): /);
  expect(chain.stderr).not.toMatch(/\n\s+at /);
});

it('replay of a damaged or foreign file: one line naming what is wrong, exit 1, no stack trace, with or without a terminal', () => {
  const good = recordLines(fakeLesson(), lessonEvents(namespaceSteps()));
  const text = good.join('\n') + '\n';
  const future = [...good];
  future[1] = JSON.stringify([0, 'container-lab', JSON.stringify({ ...JSON.parse(JSON.parse(good[1])[2]), format: 2, app: '9.0.0' })]);
  const malformed = [...good];
  malformed.splice(5, 0, '[2.5, "o", "no end');
  const cases: Array<[string, string, RegExp]> = [
    ['truncated', text.slice(0, text.length - 40), /: the recording ends in the middle of a line \(truncated\? the last line is not whole JSON\)$/],
    ['empty', '', /: the file is empty \(0 bytes\), not a recording$/],
    ['binary', '\u007fELF\u0002\u0001\u0001\u0000\u0000', /: binary data \(a NUL byte at offset 7\), not a recording/],
    ['future', future.join('\n') + '\n', /:2: made by container-lab 9\.0\.0 in recording format 2; this container-lab reads format 1: update it to replay this file$/],
    ['foreign', '{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "$ ls\\r\\n"]\n', /: an asciicast recording without container-lab's state/],
    ['malformed', malformed.join('\n') + '\n', /:6: not a JSON line \(/],
  ];
  for (const [name, content, message] of cases) {
    const file = tempRecording(content, `${name}.cast`);
    const r = run('replay', file);
    expect(r.status, name).toBe(1);
    expect(r.stdout, name).toBe('');
    expect(r.stderr.startsWith(`container-lab: ${file}`), r.stderr).toBe(true);
    expect(r.stderr.trimEnd().split('\n'), name).toHaveLength(1);
    expect(r.stderr.trimEnd(), name).toMatch(message);
  }
  // a good file without a terminal: what to do instead, exit 2 (a usage error)
  const r = run('replay', tempRecording(good));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^container-lab: the interactive app needs a terminal; without one, asciinema play .* shows the recorded screen\n/);
});
