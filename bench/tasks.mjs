// Bench figures of issue 12: how long after a learner's solution the lab shows the task solved (its
// checks read every 500 ms through the helper, up to 2 s apart while nothing changes), next to one reading of the checks and the program a
// check runs (nsenter hostname) timed alone. Needs root and a build (scripts/setup).
// Usage: node bench/tasks.mjs [runs]   (BENCH_RUNS too; 15 by default)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HelperClient } from '../dist/src/helper/client.js';
import { LiveSession } from '../dist/src/lesson/liveSession.js';
import { loadLessons } from '../dist/src/lesson/loadLessons.js';
import { lessonsDir } from '../dist/src/sys/packageRoot.js';
import { median, p90, now, sleep } from './stats.mjs';

const RUNS = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 15);
const ms = (x) => `${x.toFixed(1)} ms`;

/** The directory of a process's memory cgroup (v1 hierarchy when mounted, else v2), from /proc and mountinfo. */
function memoryDir(pid) {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n').map((l) => {
    const [left, right] = l.split(' - ');
    const f = left.split(' ');
    const r = right.split(' ');
    return { root: f[3], point: f[4], fstype: r[0], options: r[2].split(',') };
  });
  const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n').map((l) => l.split(':'));
  const v1 = mounts.find((m) => m.fstype === 'cgroup' && m.options.includes('memory'));
  const line = v1 ? lines.find((l) => l[0] !== '0' && l[1].split(',').includes('memory')) : lines.find((l) => l[0] === '0');
  const mount = v1 ?? mounts.find((m) => m.fstype === 'cgroup2');
  const rel = line.slice(2).join(':');
  return { dir: join(mount.point, mount.root === '/' ? rel : rel.slice(mount.root.length)), v2: !v1 };
}

/** Each case: a shipped task and what a learner types to solve it. */
const CASES = [
  {
    lesson: 'namespaces',
    task: 'hostname-mine',
    does: 'hostname mine, in the container (nsenter -u)',
    solve: (pids) => execFileSync('nsenter', ['-t', String(pids.builder), '-u', 'hostname', 'mine']),
  },
  {
    lesson: 'cgroups',
    task: 'memory-16m',
    does: 'echo 16M > the memory limit file(s), from the host',
    solve: (pids) => {
      const { dir, v2 } = memoryDir(pids.init);
      for (const f of v2 ? ['memory.max'] : ['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes']) writeFileSync(join(dir, f), '16M');
    },
  },
];

async function detection(helper, lesson, c) {
  const step = lesson.steps.findIndex((s) => s.tasks.some((t) => t.id === c.task));
  const times = [];
  const reads = [];
  for (let i = 0; i < RUNS; i++) {
    const session = await LiveSession.open(helper, lesson, { sampleMs: 0 });
    try {
      await session.jump(step + 1);
      let t0 = now();
      await session.checkTasks();
      reads.push(now() - t0);
      const state = () => session.getState().tasks.find((t) => t.id === c.task);
      if (state()?.status !== 'open') throw new Error(`${c.task} is ${state()?.status} before the solution`);
      // a moment into the watcher's period, as a learner's keypress would land anywhere in it
      await sleep(Math.random() * 500);
      c.solve(await helper.pids());
      t0 = now();
      while (state()?.status !== 'solved') {
        if (now() - t0 > 5000) throw new Error(`${c.task} not solved 5 s after the solution`);
        await sleep(2);
      }
      times.push(now() - t0);
    } finally {
      await session.close();
    }
  }
  return { times, reads };
}

function nsenterPeer(pid) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = now();
    execFileSync('nsenter', ['-t', String(pid), '-u', 'hostname']);
    times.push(now() - t0);
  }
  return times;
}

const lessons = loadLessons(lessonsDir()).lessons;
const helper = HelperClient.start('root', 'inherit');
try {
  console.log(`task detection, ${RUNS} runs each (median · p90); the lab reads an open task's checks every 500 ms, up to 2 s apart while the readings stay the same`);
  for (const c of CASES) {
    const lesson = lessons.find((l) => l.id === c.lesson);
    const { times, reads } = await detection(helper, lesson, c);
    console.log(`  ${c.lesson}/${c.task} (${c.does}):`);
    console.log(`    solution → solved on screen state  ${ms(median(times))} · ${ms(p90(times))}`);
    console.log(`    one reading of its checks (helper)  ${ms(median(reads))} · ${ms(p90(reads))}`);
  }
  const session = await LiveSession.open(helper, lessons.find((l) => l.id === 'namespaces'), { sampleMs: 0 });
  await session.jump(1);
  const peer = nsenterPeer((await helper.pids()).builder);
  await session.close();
  console.log(`  peer: nsenter -t <pid> -u hostname alone  ${ms(median(peer))} · ${ms(p90(peer))}`);
} finally {
  await helper.stop();
}
