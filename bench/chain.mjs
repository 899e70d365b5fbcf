// Issue 4's figures: one `docker run --rm` timed hop by hop (CLI → API → dockerd → containerd → shim → runc → exec),
// median of 10 on the lab's private daemons, next to peers measured in the same run: the same run
// without the proxy, `ctr run --rm` (containerd without docker) and `runc run` (no daemon at all).
// Needs root, a build (scripts/setup) and docker.io containerd runc. Usage: node bench/chain.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrivateDaemons, requireBinaries } from '../dist/src/chain/daemons.js';
import { startApiProxy } from '../dist/src/chain/apiProxy.js';
import { startProcWatch, nowMs } from '../dist/src/chain/procWatch.js';
import { hopBars, runMarks, HOPS } from '../dist/src/chain/chainTimeline.js';
import { labImageArchive } from '../dist/src/chain/imageArchive.js';
import { labCtrRunArgs } from '../dist/src/chain/cliArgs.js';
import { ensureLabImage } from '../dist/src/image/labImage.js';
import { createSessionDir, removeSessionDir } from '../dist/src/helper/stateDir.js';
import { stateRoot } from '../dist/src/stateRoot.js';
import { runProgram } from '../dist/src/sys/programs.js';
import { runcRun } from './byHand.mjs';
import { writeFileSync } from 'node:fs';
import { median, p90 } from './stats.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ms = (x) => `${x.toFixed(1).padStart(7)} ms`;

async function mustRun(argv, what) {
  const r = await runProgram(argv, { timeoutMs: 60_000 });
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr.trim()}`);
  return r;
}

async function main() {
  if ((process.geteuid?.() ?? 1) !== 0) throw new Error('run the benchmark as root');
  console.log(`container-lab chain benchmark — ${new Date().toISOString()}, ${RUNS} runs each, kernel ${readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim()}`);
  const session = createSessionDir(stateRoot());
  const bin = requireBinaries(['docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc']);
  const d = PrivateDaemons.prepare(session.dir, session.id, bin, null);
  let proxy;
  let watch;
  try {
    await d.startContainerd();
    await d.startDockerd();
    console.log(`docker ${bin.docker.version}, dockerd ${bin.dockerd.version}, containerd ${bin.containerd.version}, runc ${bin.runc.version}`);
    const archive = join(session.dir, 'lab-image.tar');
    writeFileSync(archive, labImageArchive(await ensureLabImage()));
    await mustRun(d.dockerArgv(['load', '-i', archive]), 'docker load');
    await mustRun(d.ctrArgv('default', ['images', 'import', archive]), 'ctr import');
    const http = [];
    proxy = await startApiProxy({ listen: join(session.dir, 'api-proxy.sock'), upstream: d.layout.dockerSocket, onExchange: (e) => {
      const i = http.findIndex((x) => x.seq === e.seq);
      if (i >= 0) http[i] = e; else http.push(e);
    } });
    watch = await startProcWatch();
    const label = ['--label', `container-lab=${session.id}`, '--network', 'none'];
    const viaProxy = (args) => [bin.docker.path, '-H', `unix://${proxy.path}`, ...args];

    // warm-up: first run pays for page cache and dockerd's lazy set-up
    await mustRun(viaProxy(['run', '--rm', ...label, 'container-lab/lab']), 'docker run (warm-up)');

    const hops = new Map(HOPS.map((h) => [h.label, []]));
    const totals = [];
    for (let i = 0; i < RUNS; i++) {
      http.length = 0;
      const t0 = nowMs();
      const r = await mustRun(viaProxy(['run', '--rm', ...label, 'container-lab/lab']), 'docker run');
      totals.push(r.endedAt - r.startedAt);
      await new Promise((res) => setTimeout(res, 100));
      const bars = hopBars(runMarks(watch.since(t0), session.dir, http));
      for (const b of bars) hops.get(b.label)?.push(b.ms);
    }

    const direct = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await mustRun(d.dockerArgv(['run', '--rm', ...label, 'container-lab/lab']), 'docker run (direct)');
      direct.push(r.endedAt - r.startedAt);
    }
    const ctr = [];
    for (let i = 0; i < RUNS; i++) {
      const id = `bench${i}`;
      const args = labCtrRunArgs(['run', '--rm', 'docker.io/container-lab/lab:latest', id], { sessionId: session.id, dir: session.dir, cgroupParent: d.layout.cgroupParent, id });
      const r = await mustRun(d.ctrArgv('default', args), 'ctr run');
      ctr.push(r.endedAt - r.startedAt);
    }
    const runc = await runcRun(RUNS);

    console.log(`\n\`docker run --rm container-lab/lab\` hop by hop (private daemons, through the API proxy, proc connector; median of ${RUNS})`);
    for (const [labelText, xs] of hops) {
      // a hop that stands in for others when they are not seen (runc create without docker's hook)
      if (xs.length === 0 && HOPS.find((h) => h.label === labelText)?.unless) continue;
      if (xs.length === 0) { console.log(`  ${labelText.padEnd(30)}   not seen`); continue; }
      console.log(`  ${labelText.padEnd(30)} ${ms(median(xs))}  p90 ${ms(p90(xs))}  (${xs.length}/${RUNS} runs)`);
    }
    const hopSum = [...hops.values()].reduce((n, xs) => n + (xs.length ? median(xs) : 0), 0);
    console.log(`  ${'sum of the hop medians'.padEnd(30)} ${ms(hopSum)}`);
    console.log(`  ${'docker run, spawn → exit'.padEnd(30)} ${ms(median(totals))}  p90 ${ms(p90(totals))}`);
    console.log(`\npeers, same run (spawn → exit, median of ${RUNS})`);
    console.log(`  docker run on docker.sock      ${ms(median(direct))}  (no proxy: its cost is ${(median(totals) - median(direct)).toFixed(1)} ms)`);
    console.log(`  ctr run --rm (no dockerd)      ${ms(median(ctr))}  (docker run is ${(median(direct) / median(ctr)).toFixed(1)}×)`);
    if (runc) console.log(`  runc run (no daemon)           ${ms(median(runc))}  (docker run is ${(median(direct) / median(runc)).toFixed(1)}×; to "ready" on stdout)`);
    else console.log('  runc run                       not measured: runc is not installed');
  } finally {
    await watch?.stop();
    await proxy?.close();
    const report = await d.stop();
    if (report.problems.length) console.log(`cleanup problems: ${report.problems.join('; ')}`);
    removeSessionDir(session.dir);
    spawnSync('true');
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
