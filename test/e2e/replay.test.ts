// Record lessons 2 and 9 for real (run --no-tui --record, and the app's --record), replay them as a user without root in tmux: what the panels show is what was recorded, under the banner, with no helper and no koffi; and the menu's fallback to a shipped recording.
import { afterAll, afterEach, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import type { MountEntry, ProcessInfo, Snapshot } from '../../src/types.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { stateHomeOwnedBy } from '../support/ownStateHome.js';
import { TmuxSession, appCommand } from '../support/tmux.js';
import { whichProgram } from '../../native/findProgram.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const NOBODY = 65534;
const dir = mkdtempSync(join(tmpdir(), 'container-lab-replay-'));
chmodSync(dir, 0o755); // the replaying user reads the recordings here
const home = mkdtempSync(join(tmpdir(), 'container-lab-replay-home-'));
chmodSync(home, 0o777);
let tmux: TmuxSession | null = null;

afterEach(() => {
  tmux?.kill();
  tmux = null;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

/** Runs the lesson for real with --record; the environment carries values that must not reach the file. */
function record(lesson: string): { file: string; text: string } {
  const file = join(dir, `${lesson}.cast`);
  const env = { ...process.env, CI: 'true', HOME: home, USER: 'presenter-x7', PATH: `${home}/bin:${process.env.PATH}` };
  const r = spawnSync(process.execPath, [cli, 'run', lesson, '--no-tui', '--record', file], { encoding: 'utf8', env, timeout: 300_000 });
  expect(r.status, r.stderr + r.stdout.slice(-2000)).toBe(0);
  const text = readFileSync(file, 'utf8');
  for (const secret of [home, 'presenter-x7', env.PATH, packageRoot()]) expect(text).not.toContain(secret);
  return { file, text };
}

/**
 * The kernel state after each step, read from the file here (not by the app's reader): the
 * snapshot in force when the next step starts, and at the end. Snapshots are stored as the keys
 * that changed since the one before.
 */
function recordedStops(text: string): Snapshot[] {
  const stops: Snapshot[] = [];
  let snap: Record<string, unknown> = {};
  for (const line of text.trim().split('\n').slice(1)) {
    const [, code, data] = JSON.parse(line) as [number, string, string];
    if (code !== 'container-lab') continue;
    const lab = JSON.parse(data);
    if (lab.type === 'snapshot') {
      snap = { ...snap, ...lab.set };
      for (const k of lab.unset ?? []) delete snap[k];
    } else if (lab.type === 'event' && lab.event.type === 'step-started') {
      stops.push(structuredClone(snap) as unknown as Snapshot);
    }
  }
  stops.push(snap as unknown as Snapshot);
  return stops;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const inner = (p: ProcessInfo) => (p.nsPids.length > 1 ? p.nsPids.slice(1).join('↔') : '–');
const propagation = (m: MountEntry) => (m.optionalFields.length === 0 ? 'private' : m.optionalFields.join(' '));

/**
 * Every process, namespace and mount line the panels draw on `screen` is one of the snapshot's,
 * and the panels' counts are the snapshot's; returns how many lines were checked.
 */
function checkScreen(screen: string, s: Snapshot, where: string): number {
  let checked = 0;
  const lines = screen.split('\n');
  const procTitle = /Processes host PID ↔ PID inside(?: · \+(\d+))?/.exec(screen);
  if (procTitle) {
    const shown = s.processes.filter((p) => new RegExp(`(^|\\s)${p.hostPid}  ${esc(inner(p))} +${esc(p.role)}( |$)`, 'm').test(screen));
    expect(shown.length + Number(procTitle[1] ?? 0), `${where}: processes on screen\n${screen}`).toBe(s.processes.length);
    checked += shown.length;
  }
  const own = s.namespaces.filter((r) => r.container !== null && r.container !== r.host).map((r) => r.type);
  const counts = /Namespaces (\d+) own, (\d+) shared with the host/.exec(screen);
  if (counts) expect([Number(counts[1]), Number(counts[1]) + Number(counts[2])], where).toEqual([own.length, s.namespaces.filter((r) => r.container !== null).length]);
  for (const m of screen.matchAll(/(?:^|\s)(uts|pid|mnt|net|ipc|cgroup|user|time) +(\d{6,}) +(\d{6,})/gm)) {
    const row = s.namespaces.find((r) => r.type === m[1]);
    expect(`${m[1]} ${m[2]} ${m[3]}`, where).toBe(`${row?.type} ${row?.host} ${row?.container}`);
    checked++;
  }
  const summary = /≠ own: (.*?)(?: · |\s{2,}|$)/m.exec(screen);
  if (summary && !counts) {
    expect(summary[1].trim(), where).toBe(own.length ? own.join(' ') : 'none yet');
    checked++;
  }
  const mountTitle = /Mounts (\d+) in the container, (\d+) not on the host(?: · \+(\d+))?/.exec(screen);
  if (mountTitle) {
    expect([Number(mountTitle[1]), Number(mountTitle[2])], where).toEqual([s.mounts.length, s.mounts.filter((m) => m.added).length]);
    // a mount line: the mark, the file system type, the propagation, the mount point (its start, when elided)
    const patterns = s.mounts.map((m) => new RegExp(`(^|\\s)${m.added ? '\\+' : ' '} ${esc(m.fsType)} +${esc(propagation(m))} +${esc(m.mountPoint.length > 24 ? m.mountPoint.slice(0, 8) : m.mountPoint)}`));
    const mountLines = lines.filter((l) => patterns.some((p) => p.test(l))).length;
    expect(mountLines, `${where}: mount lines\n${screen}`).toBe(s.mounts.length - Number(mountTitle[3] ?? 0));
    checked += mountLines;
  }
  return checked;
}

/** The descendants of a process, from /proc. */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    for (const task of readdirSync(`/proc/${p}/task`)) {
      const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
      for (const k of kids ? kids.split(' ').map(Number) : []) {
        out.push(k);
        stack.push(k);
      }
    }
  }
  return out;
}

/** The replaying node process runs as nobody, has loaded no koffi, and has started nothing (no helper). */
function checkProcess(t: TmuxSession): void {
  const procs = descendants(t.panePid());
  const app = procs.find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`${cli}\0replay`));
  expect(app, 'the replay process').toBeDefined();
  expect(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${app}/status`, 'utf8'))?.[1]).toBe(String(NOBODY));
  expect(readFileSync(`/proc/${app}/maps`, 'utf8')).not.toMatch(/koffi/);
  expect(descendants(app!), 'processes the replay started').toEqual([]);
}

async function settledAt(t: TmuxSession, done: number, total: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  let last = '';
  let before = '';
  while (Date.now() < deadline) {
    last = t.screen();
    // the same screen twice, 100 ms apart: a frame tmux has drawn only in part is not taken for the screen
    if (new RegExp(`\\b${done}/${total} steps done`).test(last) && !/\(busy\)/.test(last) && last === before) return last;
    before = last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never settled at ${done}/${total}:\n${last}`);
}

function replayAsNobody(file: string, cols: number, rows: number): TmuxSession {
  return new TmuxSession(cols, rows, `setpriv --reuid=${NOBODY} --regid=${NOBODY} --clear-groups env -u CI HOME=${home} XDG_STATE_HOME=${stateHomeOwnedBy(NOBODY)} TERM=xterm-256color ${process.execPath} ${cli} replay ${file}; echo EXIT=$?; sleep 60`);
}

/** Steps through every stop with →: the banner on each screen, the panels as recorded. */
async function walk(file: string, stops: Snapshot[], cols: number, rows: number, extra?: (screen: string, s: Snapshot, where: string) => number): Promise<number> {
  tmux = replayAsNobody(file, cols, rows);
  const total = stops.length - 1;
  let checked = 0;
  for (let k = 0; k <= total; k++) {
    const screen = await settledAt(tmux, k, total);
    const where = `${cols}×${rows} after step ${k}`;
    expect(screen.split('\n')[0], where).toMatch(/^REPLAY — (recorded )?\d{4}-\d{2}-\d{2}(,| on) \S+, cgroup .+; nothing (here )?runs$/);
    expect(Math.max(...screen.split('\n').map((l) => [...l].length)), where).toBeLessThanOrEqual(cols);
    checked += checkScreen(screen, stops[k], where) + (extra?.(screen, stops[k], where) ?? 0);
    if (k === 1) checkProcess(tmux);
    if (k < total) tmux.keys('Right');
  }
  tmux.keys('?');
  expect(await tmux.waitFor(/Keys in a lesson/), 'the help').toMatch(/^REPLAY — /);
  tmux.keys('Escape');
  tmux.keys('Escape');
  expect(await tmux.waitFor(/Lessons/), 'the menu').toMatch(/^REPLAY — /);
  tmux.keys('q');
  await tmux.waitFor(/EXIT=0/);
  tmux.kill();
  tmux = null;
  return checked;
}

describeAsRoot('replay of a real recording, as a user without root', () => {
  it('lesson 2 (namespaces): every stop at 80×24 and 160×45 shows the recorded PIDs, inodes and mounts', async () => {
    const { file, text } = record('namespaces');
    const stops = recordedStops(text);
    expect(stops).toHaveLength(17);
    expect(await walk(file, stops, 160, 45)).toBeGreaterThan(17 * 10);
    expect(await walk(file, stops, 80, 24)).toBeGreaterThan(17 * 2);
  }, 240_000);

  it('the app with --record: its frames and sizes go to the file, and the lesson\'s state replays to where the presenter left it', async () => {
    const file = join(dir, 'app.cast');
    tmux = new TmuxSession(100, 30, appCommand(cli, ['namespaces', '--record', file]));
    await tmux.waitFor(/0\/16 steps done/, 15_000);
    tmux.keys('Right');
    await tmux.waitFor(/1\/16 steps done/, 15_000);
    tmux.resize(120, 35);
    tmux.keys('Right');
    await tmux.waitFor(/2\/16 steps done/, 15_000);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/, 15_000);
    const events = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => JSON.parse(l) as [number, string, string]);
    const screen = events.filter((e) => e[1] === 'o').map((e) => e[2]).join('');
    expect(screen).toContain('2/16 steps done');
    expect(events.filter((e) => e[1] === 'r').map((e) => e[2])).toContain('120x35');
    expect(events.filter((e) => e[1] === 'm').map((e) => e[2])).toEqual(['step 1/16: uts: a name of its own', 'step 2/16: Set the hostname']);
    const stops = recordedStops(readFileSync(file, 'utf8'));
    expect(stops.length).toBeGreaterThanOrEqual(3);
    tmux.kill();
    tmux = replayAsNobody(file, 100, 30);
    await settledAt(tmux, 0, 16);
    tmux.keys('Right');
    await settledAt(tmux, 1, 16);
    tmux.keys('Right');
    const last = await settledAt(tmux, 2, 16);
    expect(checkScreen(last, stops[2], 'app recording after step 2')).toBeGreaterThan(0);
  }, 120_000);

  it('lesson 9 (dockerd to runc): at 160×45 and 80×24 the chain panel\'s timeline and the processes are the recorded ones', async () => {
    const { file, text } = record('dockerd-to-runc');
    const stops = recordedStops(text);
    expect(stops).toHaveLength(8);
    let timelineLines = 0;
    const timeline = (screen: string, s: Snapshot, where: string): number => {
      const entries = s.chain?.timeline?.entries ?? [];
      if (entries.length === 0 || !screen.includes(s.chain!.timeline!.title)) return 0;
      // each timeline line on screen is a recorded entry; all of them when the panel left none out
      const shown = [...screen.matchAll(/\+(\d+) ms  (.+?) +pid (\d+)/g)].map((m) => `+${m[1]} ${m[2].trim().slice(0, 12)} ${m[3]}`);
      const recorded = entries.map((e) => `+${Math.round(e.at)} ${e.label.slice(0, 12)} ${e.pid}`);
      for (const line of shown) expect(recorded, where).toContain(line);
      expect(shown.length, `${where}\n${screen}`).toBeGreaterThan(0);
      const title = screen.split('\n').find((l) => l.includes(s.chain!.timeline!.title))!;
      if (!/lines? not shown/.test(title)) expect(shown.length, where).toBe(entries.filter((e) => e.pid !== undefined).length);
      timelineLines += shown.length;
      return shown.length;
    };
    const checked = await walk(file, stops, 160, 45, timeline);
    expect(checked).toBeGreaterThan(8 * 5);
    // the timeline was on screen: the traced docker run -d step and after
    expect(timelineLines).toBeGreaterThan(5);
    // and on a laptop's terminal: what fits of the same panels is the recorded state
    expect(await walk(file, stops, 80, 24, timeline)).toBeGreaterThan(8 * 2);
  }, 600_000);

  it('on a host without docker the menu offers lesson 9\'s shipped recording: it opens labelled, says why, and the menu is live again after', async () => {
    // a PATH with the tools the lab needs but not the docker CLI
    const bin = join(dir, 'bin-without-docker');
    mkdirSync(bin, { recursive: true });
    for (const tool of ['unshare', 'nsenter', 'setpriv', 'ip', 'sleep', 'sh', 'hostname', 'mount']) {
      const found = whichProgram(tool);
      if (found) symlinkSync(found, join(bin, tool));
    }
    expect(whichProgram('docker', bin)).toBeNull();
    tmux = new TmuxSession(80, 24, `env -u CI PATH=${bin} TERM=xterm-256color ${process.execPath} ${cli}; echo EXIT=$?; sleep 60`);
    const menu = await tmux.waitFor(/Lessons/, 15_000);
    expect(menu).toMatch(/9\. From dockerd to runc  \(can't run here: needs docker/);
    expect(menu.split('\n')[0]).not.toMatch(/REPLAY/);
    tmux.keys('9');
    const first = await settledAt(tmux, 0, 7);
    expect(first.split('\n')[0]).toMatch(/^REPLAY — (recorded )?\d{4}-\d{2}-\d{2}(,| on) .*nothing (here )?runs$/);
    expect(first).toMatch(/a recording: the live lesson can't run here \(needs docker/);
    tmux.keys('Right');
    expect((await settledAt(tmux, 1, 7)).split('\n')[0]).toMatch(/^REPLAY — /);
    tmux.keys('Escape');
    const back = await tmux.waitFor(/Lessons/, 15_000);
    expect(back.split('\n')[0]).not.toMatch(/REPLAY/);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/, 15_000);
  }, 60_000);
  it('off Linux (process.platform darwin, set before the entry runs) the menu says so, starts no helper, and each lesson opens as its recording', async () => {
    const darwin = 'data:text/javascript,Object.defineProperty(process,"platform",{value:"darwin"})';
    tmux = new TmuxSession(160, 45, `env -u CI TERM=xterm-256color ${process.execPath} --import '${darwin}' ${cli}; echo EXIT=$?; sleep 60`);
    const menu = await tmux.waitFor(/Lessons/, 15_000);
    expect(menu).toMatch(/container-lab runs only on Linux, and this is macOS/);
    expect(menu).toMatch(/2\. Namespaces\s+\(can't run here: runs only on Linux, and this is macOS/);
    tmux.keys('2');
    const first = await settledAt(tmux, 0, 16);
    expect(first.split('\n')[0]).toMatch(/^REPLAY — (recorded )?\d{4}-\d{2}-\d{2}(,| on) .*nothing (here )?runs$/);
    expect(first).toMatch(/a recording: the live lesson can't run here \(runs only on Linux, and this is macOS/);
    tmux.keys('Right');
    expect((await settledAt(tmux, 1, 16)).split('\n')[0]).toMatch(/^REPLAY — /);
    // the app process started nothing: no helper, whatever was opened
    const app = descendants(tmux.panePid()).find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(`${cli}`));
    expect(app, 'the app process').toBeDefined();
    expect(descendants(app!), 'processes the app started').toEqual([]);
    expect(readFileSync(`/proc/${app}/maps`, 'utf8')).not.toMatch(/koffi/);
    tmux.keys('Escape');
    await tmux.waitFor(/Lessons/, 15_000);
    tmux.keys('q');
    await tmux.waitFor(/EXIT=0/, 15_000);
  }, 60_000);
});
