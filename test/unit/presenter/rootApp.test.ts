// Finding a container-lab app of root's from /proc, on a made-up /proc tree.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootAppPid } from '../../../src/presenter/rootApp.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'root-app-test-'));
  mkdirSync(join(root, 'proc'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function proc(pid: number, euid: number, argv: string[]): void {
  const dir = join(root, 'proc', String(pid));
  mkdirSync(dir);
  writeFileSync(join(dir, 'status'), `Name:\tnode\nUid:\t${euid === 0 ? 1000 : euid}\t${euid}\t${euid}\t${euid}\n`);
  writeFileSync(join(dir, 'cmdline'), argv.join('\0') + '\0');
}

describe('rootAppPid', () => {
  it('is null when root runs no app: a user\'s app, root\'s commands and viewers, other programs', () => {
    proc(100, 1000, ['node', '/usr/lib/node_modules/container-lab/dist/app/main.js', 'namespaces']);
    proc(101, 0, ['node', '/usr/bin/container-lab', 'notes']);
    proc(102, 0, ['node', '/usr/bin/container-lab', 'run', '2', '--no-tui']);
    proc(103, 0, ['sudo', 'container-lab']);
    proc(104, 0, ['node', '/srv/other/app/server.js']);
    proc(105, 0, ['node', '/work/dist/src/programs/helper.js']);
    expect(rootAppPid(root)).toBeNull();
  });

  it('finds root\'s app on the menu or a lesson, by the bin\'s name or the bundle, after node\'s options', () => {
    proc(200, 0, ['/usr/bin/node', '/usr/bin/container-lab']);
    expect(rootAppPid(root)).toBe(200);
    rmSync(join(root, 'proc', '200'), { recursive: true });
    proc(201, 0, ['node', '--enable-source-maps', 'dist/app/main.js', 'namespaces', '--sudo']);
    expect(rootAppPid(root)).toBe(201);
  });

  it('a /proc it cannot read is no app', () => {
    expect(rootAppPid(join(root, 'missing'))).toBeNull();
  });
});
