// Lessons from outside the package, run for real: refused before anything runs, or run after consent with
// only their allowed effects; the host is checked by the test itself.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/sys/packageRoot.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const fixtures = fileURLToPath(new URL('../fixtures/lessons/', import.meta.url));
const MARKER = '/tmp/container-lab-test-owned';
const hostname = () => readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();

function lab(dir: string, args: string[], input = '') {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60000, input, env: { ...process.env, CI: 'true', CONTAINER_LAB_LESSONS: join(fixtures, dir) } });
}

afterAll(() => rmSync(MARKER, { force: true }));

describe('untrusted lessons', () => {
  it('list marks them, and shows a hostile file\'s refusals as file:line', () => {
    const ok = lab('untrusted-ok', ['list']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/untrusted-hostname .*\(from \$CONTAINER_LAB_LESSONS: asks before it runs\)/);
    const bad = lab('untrusted', ['list']);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/01-hostile\.md:\d+: step "Just a host command": run is refused in a lesson from \$CONTAINER_LAB_LESSONS/);
    expect(bad.stderr).toMatch(/01-hostile\.md:\d+: docker argument -v \/:\/host is refused/);
    expect(bad.stderr).toMatch(/01-hostile\.md:\d+: docker argument --privileged is refused/);
  });

  it('the hostile lesson never runs, --trust-lessons or not: its host command leaves no marker', () => {
    rmSync(MARKER, { force: true });
    for (const extra of [[], ['--trust-lessons']]) {
      const r = lab('untrusted', ['run', 'hostile', '--no-tui', ...extra]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/docker argument -v \/:\/host is refused/);
      expect(existsSync(MARKER)).toBe(false);
    }
  });

  it('a host command is refused even with --trust-lessons (consent given up front): it never runs', () => {
    rmSync(MARKER, { force: true });
    const r = lab('untrusted-host', ['run', 'host-only', '--no-tui', '--trust-lessons']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/01-host-only\.md:11: step "Just a host command": run is refused in a lesson from \$CONTAINER_LAB_LESSONS/);
    expect(existsSync(MARKER)).toBe(false);
  });

  it('without a terminal to ask on, an untrusted lesson is refused before the helper starts', () => {
    const before = hostname();
    const r = lab('untrusted-ok', ['run', 'untrusted-hostname', '--no-tui']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sets the hostname container-lab-untrusted in the container\'s own UTS namespace');
    expect(r.stderr).toMatch(/not running "untrusted-hostname": it comes from \$CONTAINER_LAB_LESSONS and there is no terminal to ask on/);
    expect(r.stdout).not.toMatch(/hostname inside/);
    expect(hostname()).toBe(before);
  });

  it('with --trust-lessons it runs, and only the container\'s hostname changes', () => {
    const before = hostname();
    const r = lab('untrusted-ok', ['run', 'untrusted-hostname', '--no-tui', '--trust-lessons']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('hostname inside: container-lab-untrusted');
    expect(r.stderr).not.toContain('With root, step by step');
    expect(hostname()).toBe(before);
  });

  it('answering y on a terminal runs it; n does not', () => {
    const before = hostname();
    const cmd = (answer: string) => spawnSync('script', ['-qec', `${process.execPath} ${cli} run untrusted-hostname --no-tui`, '/dev/null'], {
      encoding: 'utf8', timeout: 60000, input: `${answer}\n`, env: { ...process.env, CI: 'true', NO_COLOR: '1', CONTAINER_LAB_LESSONS: join(fixtures, 'untrusted-ok') },
    });
    const yes = cmd('y');
    expect(yes.stdout).toContain('With root, step by step, it will:');
    expect(yes.stdout).toContain('hostname inside: container-lab-untrusted');
    expect(yes.status, yes.stdout).toBe(0);
    const no = cmd('n');
    expect(no.stdout).toContain('Go on?');
    expect(no.stdout).not.toContain('hostname inside');
    expect(no.status).toBe(1);
    expect(hostname()).toBe(before);
  });
});
