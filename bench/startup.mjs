// Start-up figures of issue 10: `--help` and `list` against `node -e 0`, whole-process CPU (user + sys,
// from the child's rusage) and wall time, medians over runs interleaved so each peer shares the load.
// Usage: node bench/startup.mjs   (BENCH_RUNS runs, 20 by default; no root needed)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.BENCH_BIN ?? join(root, 'dist/app/main.js');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** bash's `time` reports the child's rusage to the millisecond; /usr/bin/time only to 10 ms. */
function timed(argv) {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%3R %3U %3S'; time ${quoted} >/dev/null`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const [wall, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall: wall * 1000, cpu: (user + sys) * 1000 };
}

export function startupFigures(runs) {
  const cases = { 'node -e 0': [process.execPath, '-e', '0'], '--help': [process.execPath, bin, '--help'], list: [process.execPath, bin, 'list'] };
  const results = Object.fromEntries(Object.keys(cases).map((k) => [k, { wall: [], cpu: [] }]));
  for (const argv of Object.values(cases)) timed(argv); // warm the page cache
  for (let i = 0; i < runs; i++) {
    for (const [name, argv] of Object.entries(cases)) {
      const t = timed(argv);
      results[name].wall.push(t.wall);
      results[name].cpu.push(t.cpu);
    }
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { wall: median(v.wall), cpu: median(v.cpu) }]));
}

export function printStartup(figures, runs) {
  const peer = figures['node -e 0'];
  console.log(`\nstart-up, whole process (median of ${runs}, interleaved with the peer)`);
  console.log(`  peer node -e 0   cpu ${peer.cpu.toFixed(0).padStart(4)} ms  wall ${peer.wall.toFixed(0).padStart(4)} ms`);
  for (const name of ['--help', 'list']) {
    const f = figures[name];
    console.log(`  ${name.padEnd(16)} cpu ${f.cpu.toFixed(0).padStart(4)} ms  wall ${f.wall.toFixed(0).padStart(4)} ms  ratio cpu ${(f.cpu / peer.cpu).toFixed(1)}×  wall ${(f.wall / peer.wall).toFixed(1)}×`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.env.BENCH_RUNS ?? 20);
  printStartup(startupFigures(runs), runs);
}
