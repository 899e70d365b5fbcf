// The package as an attendee gets it: npm pack, installed by a non-root user with --omit=dev, then run from its bin.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { TmuxSession } from '../support/tmux.js';
import { isAlive, until } from '../support/kernelView.js';

const NOBODY = 65534;
const root = packageRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every file under dir, relative to root. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []);
}

/** What the build must put in dist/ for every source file. */
function expectedBuild(): string[] {
  return [...filesUnder('src'), ...filesUnder('native')]
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => 'dist/' + f.replace(/\.tsx?$/, '.js'));
}

/** How this host reaches the registry (a proxy, its CA): the user needs the same to install. */
const NETWORK_ENV = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/**
 * The user's environment: nothing else inherited (npm_config_* of a parent npm, as under `npm test`,
 * would point at root's cache and prefix).
 */
function userEnv(home: string): string[] {
  const path = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
  const network = NETWORK_ENV.filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`);
  // TMPDIR: the run's own (test/support/tmpDir.ts); without it the app's state root would be /tmp/container-lab-65534
  return [`HOME=${home}`, `PATH=${path}`, 'TERM=xterm-256color', `LANG=${process.env.LANG ?? 'C.UTF-8'}`, `TMPDIR=${tmpdir()}`, ...network];
}

/** Root's registry and CA file (from its npmrc, which the user does not read), as flags for the user's npm. */
function registryFlags(): string[] {
  const get = (key: string) => execFileSync('npm', ['config', 'get', key], { encoding: 'utf8' }).trim();
  const cafile = get('cafile');
  return ['--registry', get('registry'), ...(cafile && cafile !== 'null' && cafile !== 'undefined' ? ['--cafile', cafile] : [])];
}

function asNobody(home: string, argv: string[], cwd: string) {
  return spawnSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--',
    'env', '-i', ...userEnv(home), ...argv], { encoding: 'utf8', cwd, timeout: 240000 });
}

/** Processes started from the installed copy (their command line names its directory). */
function installedProcesses(dir: string): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) && isAlive(pid);
    } catch {
      return false;
    }
  });
}

describeAsRoot('the packed tarball, installed as uid 65534 with --omit=dev', () => {
  let work = '';
  let home = '';
  let prefix = '';
  let packed: string[] = [];
  let tmux: TmuxSession | null = null;
  const installed = () => join(prefix, 'lib/node_modules/container-lab');
  const bin = () => join(prefix, 'bin/container-lab');
  const run = (...args: string[]) => asNobody(home, [bin(), ...args], work);

  beforeAll(() => {
    work = mkdtempSync('/tmp/container-lab-test-pack-');
    chmodSync(work, 0o755);
    home = join(work, 'home');
    prefix = join(work, 'prefix');
    for (const dir of [home, prefix]) {
      mkdirSync(dir);
      chownSync(dir, NOBODY, NOBODY);
    }
    const node = asNobody(home, ['node', '-e', '0'], work);
    if (node.status !== 0) throw new Error(`uid ${NOBODY} cannot run ${process.execPath}: ${node.stderr}(this test needs a Node every user can run)`);
    // npm pack runs prepack: a fresh build, as from a clean clone. Its JSON is on stdout, the build's output on stderr.
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    packed = info.files.map((f) => f.path);
    // The user's own npm cache in its temporary HOME, as on an attendee's first `npx container-lab`. A copy of
    // root's cache was measured no faster here (14 s against 13 s): the time goes to unpacking, not fetching.
    const install = asNobody(home, ['npm', 'install', '--global', '--prefix', prefix, '--omit=dev', ...registryFlags(),
      '--no-audit', '--no-fund', '--update-notifier=false', '--loglevel=error', join(work, info.filename)], work);
    if (install.status !== 0) {
      throw new Error(`npm install as uid ${NOBODY} failed (${install.error?.message ?? install.signal ?? 'exit ' + install.status}):\n${install.stderr}${install.stdout}`);
    }
  }, 300000);

  afterAll(async () => {
    tmux?.kill();
    if (work) {
      await until(() => installedProcesses(work).length === 0, 5000);
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('the tarball holds the build, the lessons, the docs, LICENSE and README, and no tests, fixtures or sources', () => {
    for (const f of ['package.json', 'LICENSE', 'README.md', manifest.bin['container-lab'], ...expectedBuild()]) expect(packed, f).toContain(f);
    for (const f of [...filesUnder('lessons'), ...filesUnder('docs'), ...filesUnder('assets/recordings').filter((r) => r.endsWith('.cast'))]) expect(packed, f).toContain(f);
    const unwanted = packed.filter((f) => /^(test|bench|scripts|src|native|\.ci)\/|fixtures|\.test\.|\.tsx?$|^tsconfig|^vitest|^dist\/\.built$/.test(f));
    expect(unwanted).toEqual([]);
    // nothing built from a source that is gone: prepack builds into an empty dist
    const built = new Set(expectedBuild());
    const stale = packed.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/app/') && !built.has(f));
    expect(stale).toEqual([]);
  });

  it('the bin is the bundle: its files import only each other, Node\'s built-ins and koffi', () => {
    const bundle = packed.filter((f) => f.startsWith('dist/app/'));
    expect(bundle).toContain('dist/app/main.js');
    // the packages inside it are not installed: their license notices ship with the bundle
    const notices = readFileSync(join(installed(), 'dist/app/THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['ink', 'react', 'marked', 'yaml']) expect(notices).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\((MIT|ISC)\\)$`, 'm'));
    const outside = new Set<string>();
    for (const f of bundle) {
      const text = readFileSync(join(installed(), f), 'utf8');
      for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (!spec.startsWith('./') && !isBuiltin(spec) && spec !== 'koffi') outside.add(`${f}: ${spec}`);
      }
    }
    expect([...outside]).toEqual([]);
  });

  it('installs as a user: the bin on PATH, the runtime dependencies and no development ones, files owned by the user', () => {
    expect(readlinkSync(bin())).toBe('../lib/node_modules/container-lab/' + manifest.bin['container-lab']);
    expect(statSync(installed()).uid).toBe(NOBODY);
    for (const dep of Object.keys(manifest.dependencies)) expect(existsSync(join(installed(), 'node_modules', dep)), dep).toBe(true);
    for (const dep of Object.keys(manifest.devDependencies)) expect(existsSync(join(installed(), 'node_modules', dep)), dep).toBe(false);
  });

  it('koffi loads from the installed copy and calls into libc (its prebuilt binary for this CPU came with it)', () => {
    const libc = join(installed(), 'dist/native/libc.js');
    const r = asNobody(home, ['node', '--input-type=module', '-e',
      `const { libc } = await import(${JSON.stringify(libc)}); console.log(libc().getppid(), process.ppid)`], work);
    expect(r.status, r.stderr).toBe(0);
    const [fromKoffi, fromNode] = r.stdout.trim().split(' ');
    expect(fromKoffi).toBe(fromNode);
  });

  it('--help, list and doctor answer from the installed bin, without a stack trace', () => {
    const help = run('--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: container-lab/);
    const list = run('list');
    expect(list.status, list.stderr).toBe(0);
    for (const f of readdirSync(join(root, 'lessons')).filter((n) => n.endsWith('.md'))) {
      const id = /^id: (\S+)$/m.exec(readFileSync(join(root, 'lessons', f), 'utf8'))![1];
      expect(list.stdout, id).toContain(id);
    }
    const doctor = run('doctor');
    // 0 when all is well, 1 when the lessons need something this host lacks (as uid 65534: root, for most)
    expect([0, 1], doctor.stderr).toContain(doctor.status);
    expect(doctor.stdout).toContain(`Node ${process.version}`);
    for (const r of [help, list, doctor]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('opens the menu in a terminal and quits with q', async () => {
    const command = ['setpriv', '--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--',
      'env', '-i', ...userEnv(home), bin()].join(' ');
    tmux = new TmuxSession(120, 40, `cd ${work} && ${command}; echo EXIT=$?; sleep 60`);
    const menu = await tmux.waitFor(/A container is just a process/, 20000);
    expect(menu).toMatch(/Namespaces/);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/);
    tmux.kill();
    tmux = null;
    expect(await until(() => installedProcesses(work).length === 0, 5000), 'the app and its helper are gone').toBe(true);
  });
});
