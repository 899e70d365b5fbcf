// Rootless for real: the app run as an unprivileged uid (nobody) goes on inside a user namespace.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir, packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { stateHomeOwnedBy } from '../support/ownStateHome.js';
import { whichProgram } from '../../native/findProgram.js';
import { labProcesses, labMountsOnHost, until } from '../support/kernelView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const NOBODY = 65534;
/** nobody's own image cache: the run's (CONTAINER_LAB_CACHE_DIR) is root's, mode 0700 */
let cache = '';

function runAsNobody(args: string[], env: string[] = []) {
  return spawnSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--',
    'env', '-u', 'XDG_RUNTIME_DIR', 'HOME=/tmp', `XDG_STATE_HOME=${stateHomeOwnedBy(NOBODY)}`, `CONTAINER_LAB_CACHE_DIR=${cache}`, ...env, process.execPath, cli, ...args], { encoding: 'utf8', timeout: 60000, cwd: '/tmp' });
}

describeAsRoot('rootless, as uid 65534', () => {
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'container-lab-test-rootless-'));
    chmodSync(cache, 0o755);
    chownSync(cache, NOBODY, NOBODY);
  });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  for (const lesson of loadLessons(lessonsDir()).lessons.filter((l) => l.privilege === 'rootless')) {
    it(`${lesson.id}: every step passes inside a user namespace, and nothing is left`, async () => {
      const r = runAsNobody(['run', lesson.id, '--no-tui', '--json', '--rootless']);
      expect(r.status, r.stderr + r.stdout.slice(-2000)).toBe(0);
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      // a step this host cannot do rootless (no delegated cgroup) is counted as skipped, never as failed
      expect(lines[lines.length - 1]).toMatchObject({ type: 'result', ok: true });
      const skipped = lines.filter((l) => l.type === 'step' && l.status === 'skipped');
      expect(lines[lines.length - 1].skipped ?? 0).toBe(skipped.length);
      for (const l of skipped) expect(l.skipped.reason, l.title).toMatch(/cgroup/);
      expect(lines.filter((l) => l.type === 'step' && l.status !== 'skipped').every((l) => l.status === 'done')).toBe(true);
      const first = lines.find((l) => l.type === 'step');
      const builder = first.state.processes.find((p: { role: string }) => p.role === 'container process');
      // Seen from the host the container process is nobody; inside its user namespace it is root.
      expect(builder.uid).toBe(NOBODY);
      expect(builder.uidInside).toBe(0);
      expect(first.state.uidMap.split(/\s+/)).toEqual(['0', String(NOBODY), '1']);
      expect(await until(() => labProcesses().length === 0 && labMountsOnHost().length === 0, 2000)).toBe(true);
    });
  }

  it('the cgroups lesson runs rootless only with a delegated cgroup v2 subtree: on a v1 or hybrid host it is refused with the reason', () => {
    const v1Hierarchies = readFileSync('/proc/self/mountinfo', 'utf8').includes(' - cgroup ');
    const list = runAsNobody(['list']);
    expect(list.stdout).toMatch(/cgroups .*root, or rootless with cgroup v2 delegation/);
    if (!v1Hierarchies) return; // a pure v2 host may delegate: the fixture tests cover both answers
    const run = runAsNobody(['run', 'cgroups', '--no-tui', '--rootless']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/needs root here, or a cgroup v2 subtree systemd delegates to you: this host has cgroup (v1|hybrid)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a lesson that needs root is refused with the reason; a malformed one is reported, the rest still load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
    chmodSync(dir, 0o755);
    // a lesson from $CONTAINER_LAB_LESSONS is untrusted: steps of the vocabulary such a lesson may use
    writeFileSync(join(dir, '01-root.md'), '---\nid: needs-root\ntitle: Needs root\nsummary: x\nprivilege: root\norder: 1\n---\n\n## New namespaces\n\n```action\ndo: unshare\nwith: { namespaces: [uts] }\n```\n');
    writeFileSync(join(dir, '02-broken.md'), '---\nid: broken\ntitle: Broken\nsummary: x\nprivilege: rootless\norder: 2\n---\n\n## A step\n\n```action\ndo: unshar\n```\n');
    try {
      const env = [`CONTAINER_LAB_LESSONS=${dir}`];
      const list = runAsNobody(['list'], env);
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/needs-root .*needs root/);
      expect(list.stderr).toMatch(/02-broken\.md:12: unknown action "unshar"/);
      const run = runAsNobody(['run', 'needs-root', '--no-tui', '--rootless'], env);
      expect(run.status).toBe(1);
      // --sudo is advised only where sudo is installed
      expect(run.stderr).toMatch(whichProgram('sudo') ? /needs root: start container-lab as root or with --sudo/ : /needs root: sudo is not installed here: run container-lab as root/);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user error
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
