// Checks on the container by hand, read from its PID 1: /proc/<pid>/root, ns links, mountinfo, cmdline, hostname.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import type { LabContext } from '../steps/context.js';
import { containerName, nsName } from '../steps/params.js';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { nsenter } from './nsenter.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { overlayPaths } from '../actions/layersState.js';

function devIno(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.dev}:${s.ino}`;
}

function init(ctx: LabContext): number {
  if (ctx.initPid === null) throw new Error('the container has no PID 1');
  return ctx.initPid;
}

/**
 * The merged directory is an overlay mount only in the container process's mount namespace:
 * /proc/<builder>/root walks that namespace's tree, where the path leads into the overlay.
 */
export const initRootIsOverlay = defineCheck({
  name: 'init-root-is-overlay',
  params: z.strictObject({ container: containerName }),
  doc: '',
  reads: [],
  run: (ctx, { container }) => {
    const pid = init(ctx);
    const { merged } = overlayPaths(ctx.session.dir, container);
    const root = devIno(`/proc/${pid}/root/`);
    const overlay = devIno(`/proc/${ctx.builder.pid}/root${merged}/`);
    if (root === devIno('/')) return fail(`/proc/${pid}/root is the host's / (${root})`);
    return root === overlay
      ? pass(`/proc/${pid}/root → ${readlinkSync(`/proc/${pid}/root`)}: the overlay on ${merged} (dev:ino ${root})`)
      : fail(`/proc/${pid}/root is dev:ino ${root}; the overlay's root is ${overlay}`);
  },
});

export const initNsDiffer = defineCheck({
  name: 'init-ns-differ',
  params: z.strictObject({ namespaces: z.array(nsName).min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { namespaces }) => {
    const pid = init(ctx);
    const same = namespaces.filter((ns) => readlinkSync(`/proc/${pid}/ns/${ns}`) === readlinkSync(`/proc/self/ns/${ns}`));
    if (same.length) return fail(`PID 1 still shares the host's ${same.join(', ')} namespace${same.length > 1 ? 's' : ''}`);
    return pass(`PID 1: ${namespaces.map((ns) => readlinkSync(`/proc/${pid}/ns/${ns}`)).join(' ')}, none of them the host's`);
  },
});

/** Only the container's own mounts: the overlay as "/", and /proc once mounted; nothing of the host's. */
export const initMountsOnlyContainer = defineCheck({
  name: 'init-mounts-only-container',
  params: z.strictObject({ proc: z.boolean() }),
  doc: '',
  reads: [],
  run: (ctx, { proc }) => {
    const pid = init(ctx);
    const mounts = parseMountinfo(readFileSync(`/proc/${pid}/mountinfo`, 'utf8'));
    const want = proc ? ['/ overlay', '/proc proc'] : ['/ overlay'];
    const got = mounts.map((m) => `${m.mountPoint} ${m.fsType}`);
    const hostRoot = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8')).filter((m) => m.mountPoint === '/').pop();
    if (hostRoot && mounts.some((m) => m.majorMinor === hostRoot.majorMinor)) return fail(`the host's root filesystem (${hostRoot.majorMinor}) is still mounted in there`);
    return JSON.stringify(got) === JSON.stringify(want)
      ? pass(`PID 1's mountinfo: ${got.join(', ')}`)
      : fail(`PID 1's mountinfo: ${got.join(', ')}; expected ${want.join(', ')}`);
  },
});

export const initRuns = defineCheck({
  name: 'init-runs',
  params: z.strictObject({ program: z.string().regex(/^\//) }),
  doc: '',
  reads: [],
  run: (ctx, { program }) => {
    const pid = init(ctx);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const nspid = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1].trim().split(/\s+/).pop();
    if (nspid !== '1') return fail(`host PID ${pid} is PID ${nspid} inside, not 1`);
    return argv[0] === program
      ? pass(`PID 1 (host PID ${pid}) runs ${argv.join(' ')}`)
      : fail(`PID 1 (host PID ${pid}) runs ${argv.join(' ') || '(nothing)'}, not ${program}`);
  },
});

export const initHostname = defineCheck({
  name: 'init-hostname',
  params: z.strictObject({ equals: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { equals }) => {
    const inside = nsenter(init(ctx), ['uts'], ['hostname'], ctx.rootless).trim();
    return inside === equals ? pass(`hostname in PID 1's UTS namespace: ${inside}`) : fail(`hostname in PID 1's UTS namespace is ${inside}, expected ${equals}`);
  },
});
