// A hostile lesson folder (a FIFO, a 5 MB file, escape sequences in a title): list returns, the menu draws, nothing raw reaches the terminal.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { TmuxSession, appCommand } from '../support/tmux.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const ESC = '\u001b';
let dir: string;
let tmux: TmuxSession | null = null;

// YAML's own escapes (\e, \a) give the raw characters too: the title holds an OSC that retitles
// the terminal, and an SGR that turns text red
const evil = `---
id: evil
title: "Evil \\e]0;pwned-title\\a \\e[31mred"
summary: "A summary that clears the screen \\e[2J and beeps \\a"
privilege: rootless
order: 1
---

Intro.

## One step

\`\`\`action
do: unshare
with: { namespaces: [uts] }
\`\`\`
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'container-lab-test-hostile-'));
  execFileSync('mkfifo', [join(dir, '01-fifo.md')]);
  writeFileSync(join(dir, '02-big.md'), `---\nid: big\n---\n${'x'.repeat(5 * 1024 * 1024)}\n`);
  writeFileSync(join(dir, '03-evil.md'), evil);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(() => {
  tmux?.kill();
  tmux = null;
});

it('list returns at once, shows the title escaped and says what it skipped', () => {
  const started = performance.now();
  const r = spawnSync(process.execPath, [cli, 'list'], { encoding: 'utf8', timeout: 20000, env: { ...process.env, CONTAINER_LAB_LESSONS: dir, CI: 'true' } });
  const ms = performance.now() - started;
  expect(r.error).toBeUndefined(); // a timeout would be ETIMEDOUT: list hung on the FIFO
  expect(r.status).toBe(0);
  expect(ms).toBeLessThan(5000); // node's own start-up and the import of the code are most of it
  expect(r.stdout).toContain('Evil \\x1b]0;pwned-title\\x07 \\x1b[31mred');
  expect(r.stdout + r.stderr).not.toContain(ESC);
  expect(r.stderr).toContain('01-fifo.md: skipped: a FIFO, not a regular file');
  expect(r.stderr).toMatch(/02-big\.md:1: the file is 5\.0 MiB, over the 256 KiB a lesson file may be/);
});

describeAsRoot('the menu over a hostile lesson folder', () => {
  it('draws at once, with the escapes visible and the terminal title unchanged', async () => {
    tmux = new TmuxSession(160, 30, `CONTAINER_LAB_LESSONS=${dir} ${appCommand(cli, [])}`);
    const before = tmux.paneTitle();
    const screen = await tmux.waitFor(/Evil \\x1b\]0;pwned-title\\x07 \\x1b\[31mred/, 20000);
    expect(screen).toContain('A summary that clears the screen \\x1b[2J and beeps \\x07');
    expect(screen).toMatch(/01-fifo\.md:0: skipped: a FIFO, not a regular file/);
    expect(screen).toMatch(/02-big\.md:1: the file is 5\.0 MiB/);
    expect(tmux.paneTitle()).toBe(before);
    expect(tmux.paneTitle()).not.toContain('pwned');
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/, 10000);
    expect(tmux.paneTitle()).not.toContain('pwned');
  }, 40000);
});
