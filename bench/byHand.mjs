// Bench figures of issue 3: building the lab image, and keypress → shell prompt in "a container by hand" next to `runc run` of the same rootfs.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLabImage, unpackRootfs } from '../dist/src/image/labImage.js';
import { whichProgram } from '../dist/native/findProgram.js';

const now = () => performance.now();
const sleep = (t) => new Promise((r) => setTimeout(r, t));

/** ensureLabImage into a fresh cache directory each time (a cold build); the peer: the same call on a warm cache (read + verify). */
export async function imageBuild(runs) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'container-lab-bench-image-'));
    try {
      let t0 = now();
      await ensureLabImage({ cacheDir: dir });
      cold.push(now() - t0);
      t0 = now();
      await ensureLabImage({ cacheDir: dir });
      warm.push(now() - t0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { cold, warm };
}

/**
 * With all 16 steps of the lesson done (PID 1 is the image's sh in the pivoted overlay), press s
 * and time until the shell's prompt is on the tmux screen; exit, wait for the app, again.
 */
export async function keypressToShell(tmux, screen, waitScreen, startApp, stopApp, runs) {
  startApp(['by-hand']);
  await waitScreen((s) => /0\/16 steps done/.test(s));
  for (let i = 1; i <= 16; i++) {
    tmux('send-keys', '-t', 'bench', 'Right');
    await waitScreen((s) => new RegExp(`${i}/16 steps done`).test(s));
  }
  if (/✗/.test(screen())) throw new Error(`a step of by-hand failed:\n${screen()}`);
  const prompt = /\[container-lab by-hand\] #/;
  const times = [];
  for (let i = 0; i < runs; i++) {
    await sleep(300);
    const t0 = now();
    tmux('send-keys', '-t', 'bench', 's');
    await waitScreen((s) => prompt.test(s));
    times.push(now() - t0);
    // Ctrl-D ends the shell. Keys can get lost while the terminal changes hands (busybox's line
    // editor taking it, or the app's stdin still reading after Ink unmounted): send again until it is back.
    for (let tries = 0; ; tries++) {
      await sleep(500);
      tmux('send-keys', '-t', 'bench', 'C-d');
      try {
        await waitScreen((s) => !prompt.test(s) && /16\/16 steps done/.test(s), 3000);
        break;
      } catch (error) {
        if (tries === 5) throw error;
      }
    }
  }
  stopApp();
  return times;
}

/** `runc run` of the same rootfs (the lab image, unpacked into a bundle): spawn to "ready" on its stdout. */
export async function runcRun(runs) {
  const runc = whichProgram('runc');
  if (!runc) return null;
  const base = mkdtempSync(join(tmpdir(), 'container-lab-bench-runc-'));
  const bundle = join(base, 'bundle');
  const state = join(base, 'state');
  const rootfs = join(bundle, 'rootfs');
  try {
    execFileSync('mkdir', ['-p', rootfs, state]);
    await unpackRootfs(await ensureLabImage(), rootfs);
    execFileSync(runc, ['spec'], { cwd: bundle });
    const spec = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
    spec.process.terminal = false;
    spec.process.args = ['/bin/sh', '-c', 'echo ready'];
    spec.root.path = rootfs;
    writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec, null, 2));
    const times = [];
    for (let i = 0; i < runs; i++) {
      const id = `container-lab-bench-${process.pid}-${i}`;
      const t0 = now();
      const child = spawn(runc, ['--root', state, 'run', '--bundle', bundle, id], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      const ready = new Promise((resolve) => child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('ready')) resolve(now() - t0);
      }));
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise((resolve) => child.on('close', resolve));
      if (code !== 0 || !out.includes('ready')) throw new Error(`runc run exited ${code}: ${err.trim()}`);
      times.push(await ready);
    }
    return times;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
