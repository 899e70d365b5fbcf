// Times the lesson screen's frames in-process (no helper, no terminal): the namespaces lesson at 160×45.
// This host's mount table, a step's result and snapshot per keypress, as LiveSession sends them.
// Usage: node bench/frame.mjs [keys]   (both the patched bundle and Ink as published, interleaved; INK_PLAIN=0 or 1 runs one; node --cpu-prof for a profile)
import { Writable, PassThrough } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { rmSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/*
 * Without FRAME_CHILD, this runs itself as children, the patched bundle and Ink as published in
 * turn (3 rounds each), and prints both medians side by side: the peer in the same run.
 */
if (process.env.FRAME_CHILD === undefined && process.env.INK_PLAIN === undefined) {
  const { spawnSync } = await import('node:child_process');
  const { median } = await import('./stats.mjs');
  const perRound = Math.max(5, Math.round(Number(process.argv[2] ?? 30) / 3));
  const got = { patched: { times: [], cpu: [], bytes: [] }, plain: { times: [], cpu: [], bytes: [] } };
  for (let round = 0; round < 3; round++) {
    for (const variant of ['patched', 'plain']) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(perRound)], {
        env: { ...process.env, FRAME_CHILD: '1', INK_PLAIN: variant === 'plain' ? '1' : '0' }, encoding: 'utf8',
      });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{"times"'));
      if (r.status !== 0 || !line) throw new Error(`bench/frame.mjs (${variant}) failed: ${r.stderr}`);
      const one = JSON.parse(line);
      for (const k of ['times', 'cpu', 'bytes']) got[variant][k].push(...one[k]);
    }
  }
  const step = Number(process.env.STEP_MS ?? 45);
  console.log(`lesson screen, 160×45, one keypress (a step of ${step} ms faked), ${got.patched.times.length} keys each, interleaved`);
  for (const variant of ['patched', 'plain']) {
    const g = got[variant];
    console.log(`  ${variant === 'patched' ? 'bundle (patched Ink)' : 'Ink as published   '}  key → frame written median ${median(g.times).toFixed(1)} ms, app CPU per key median ${median(g.cpu).toFixed(1)} ms, ${median(g.bytes)} bytes per key`);
  }
  console.log(`  ratio                 CPU per key ${(median(got.patched.cpu) / median(got.plain.cpu)).toFixed(2)}× Ink as published`);
  process.exit(0);
}
/*
 * The modules are bundled here as scripts/bundle.mjs bundles the app (React's production build,
 * Ink's output patched by scripts/bundle/inkPatches.mjs), so the frames timed are the ones
 * the app draws. INK_PLAIN=1 leaves Ink as published, to compare.
 */
const { build } = await import('esbuild');
const { appBuildOptions } = await import('../scripts/bundle/appOptions.mjs');
// inside the package, where the app's modules look for their package directory
const bundled = join(root, 'dist', `container-lab-frame-bench-${process.pid}.mjs`);
await build({
  stdin: {
    contents: ['react', 'ink', './dist/src/app/LessonScreen.js', './dist/src/lesson/loadLessons.js', './dist/src/lesson/reducer.js', './dist/src/observe/snapshot.js']
      .map((m, i) => `export * as m${i} from '${m}';`).join('\n'),
    resolveDir: root,
  },
  ...appBuildOptions({ patched: process.env.INK_PLAIN !== '1' }),
  outfile: bundled,
});
const modules = await import(bundled).finally(() => rmSync(bundled, { force: true }));
const React = modules.m0.default ?? modules.m0;
const { render } = modules.m1;
const { LessonScreen } = modules.m2;
const { loadLessons } = modules.m3;
const { initialState, reduce } = modules.m4;
const { takeSnapshot } = modules.m5;

const runs = Number(process.argv[2] ?? 15);
/** how long the helper takes for a step (bench's "of which step"); the frames drawn meanwhile add to it on a busy core */
const STEP_MS = Number(process.env.STEP_MS ?? 45);
const lesson = loadLessons(join(root, 'lessons')).lessons.find((l) => l.id === 'namespaces');
const taken = takeSnapshot('/', { hostPid: process.pid, builderPid: process.pid, initPid: null, userPid: null }, null, {});
// each step's snapshot differs as the real ones do: a namespace inode and a mount more
const snap = (i) => ({
  ...taken,
  takenAt: i,
  namespaces: taken.namespaces.map((r) => (r.type === 'uts' && i > 0 ? { ...r, container: 4026540000 + i } : r)),
  mounts: [...taken.mounts, ...taken.mounts.slice(0, i % 3).map((m) => ({ ...m, mountPoint: `/run/container-lab/session-x/m${i}`, added: true }))],
});
const entry = (i, k) => ({ t: Date.now(), call: k % 2 ? 'unshare' : 'mount', args: ['CLONE_NEWUTS', `"/run/container-lab/session-x/${i}"`], ret: '0', pid: 4242, ms: 0.2 });

let state = initialState(lesson);
const listeners = new Set();
const emit = () => { for (const l of listeners) l(); };
const session = {
  getState: () => state,
  subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
  async next() {
    const i = state.cursor;
    state = reduce(state, { type: 'step-started', index: i });
    await new Promise((r) => setTimeout(r, STEP_MS)); // the helper's act, checks and snapshot
    const run = { status: 'done', log: Array.from({ length: 4 }, (_, k) => entry(i, k)), output: [`line ${i}`], checks: [{ name: `check ${i}`, ok: true, detail: 'host 4026531838, container 4026532450' }], ms: 3 };
    state = reduce(state, { type: 'step-finished', index: i, run, advance: true });
    state = reduce(state, { type: 'snapshot', snapshot: snap(i) });
    emit(); // one notification, as LiveSession's held() gives
  },
  async back() {}, async reset() { state = { ...initialState(lesson), snapshot: snap(0) }; emit(); },
  async shell() {}, async close() {},
};
state = { ...state, snapshot: snap(0) };

let wrote = 0;
let bytes = 0;
const stdout = new Writable({ write(chunk, _e, cb) { wrote = performance.now(); bytes += chunk.length; cb(); } });
Object.assign(stdout, { isTTY: true, columns: 160, rows: 45 });
const stdin = new PassThrough();
Object.assign(stdin, { isTTY: true, setRawMode() {}, ref() {}, unref() {} });
const keysRef = { current: null };
const renders = [];
const app = render(React.createElement(LessonScreen, { session, columns: 160, rows: 45, keysRef }), {
  stdout, stdin, exitOnCtrlC: false, maxFps: 60, patchConsole: false,
  incrementalRendering: process.env.INCREMENTAL === '1',
  onRender: ({ renderTime }) => renders.push(renderTime),
});
let gcMs = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
const sleep = (t) => new Promise((r) => setTimeout(r, t));
await sleep(300);
const times = [];
const cpu = [];
const gc = [];
const frameBytes = [];
for (let i = 0; i < runs; i++) {
  if (state.cursor >= lesson.steps.length) await session.reset();
  await sleep(100);
  renders.length = 0;
  const b0 = bytes;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const g0 = gcMs;
  keysRef.current.onKey({ command: 'next', whileBusy: false });
  await sleep(STEP_MS + 150);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  gc.push(gcMs - g0);
  times.push(wrote - t0);
  frameBytes.push(bytes - b0);
  if (i < 2) console.log('ink renders per key', renders.length, renders.map((r) => r.toFixed(1)).join(' '));
}
app.unmount();
const { median } = await import('./stats.mjs');
if (process.env.FRAME_CHILD) console.log(JSON.stringify({ times, cpu, bytes: frameBytes }));
console.log(`key → last frame written (step ${STEP_MS} ms): median ${median(times).toFixed(1)} ms over ${runs} (min ${Math.min(...times).toFixed(1)}), app CPU per key median ${median(cpu).toFixed(1)} ms (GC ${median(gc).toFixed(1)} ms), ${median(frameBytes)} bytes written per key`);
process.exit(0);
