// runc-alone lesson: an OCI bundle from the lab image: its rootfs unpacked, `runc spec`'s config.json edited for the lab.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { checked } from './chainUtil.js';
import { layoutOf, requireRunc } from './runcUtil.js';
import { setBlock } from './chainBlock.js';
import { ensureLabImage, unpackRootfs } from '../image/labImage.js';
import { runProgram } from '../sys/programs.js';
import { labSpec, specSummary } from '../chain/runcSpec.js';
import { resolveInRoot } from '../chain/pathInRoot.js';
import { LabError } from '../errors.js';
import { syscallLog, quote } from '../../native/syscallLog.js';

export const runcBundle = defineAction({
  name: 'runc-bundle',
  params: z.strictObject({ args: z.array(z.string().min(1)).min(1).default(['/bin/sleep', '3600']) }),
  doc: 'runc-alone lesson: the lab image unpacked into <session>/bundle/rootfs, `runc spec`\'s config.json edited for the lab',
  performs: [program('runc spec', 'runc-spec(8)')],
  provides: ['runc bundle'],
  run: async (ctx, { args }) => {
    const runc = requireRunc(ctx);
    const l = layoutOf(ctx);
    const out: string[] = [];
    const image = await ensureLabImage({ onMessage: (line) => out.push(line) });
    const started = performance.now();
    mkdirSync(l.rootfs, { recursive: true, mode: 0o755 });
    await unpackRootfs(image, l.rootfs);
    syscallLog.record('unpack', [quote(`${image.manifestDigest.slice(0, 19)}…`), quote(l.rootfs)], 0, undefined, performance.now() - started);
    out.push(`rootfs: the lab image (${image.layers.length} layers) unpacked into ${l.rootfs}`);
  
    const program = resolveInRoot(l.rootfs, args[0]);
    if (!program || !statSync(program).isFile() || (statSync(program).mode & 0o111) === 0) {
      throw new LabError(`${args[0]} is not a program in the lab image`, 'give process.args a program the image has, e.g. /bin/sleep or /bin/sh');
    }
  
    // runc spec refuses to overwrite a config.json ("File config.json exists. Remove it first")
    rmSync(l.config, { force: true });
    checked(await runProgram([runc, 'spec', '--bundle', l.bundle]), 'runc spec');
    const edited = labSpec(JSON.parse(readFileSync(l.config, 'utf8')), { args, hostname: 'container-lab', cgroupsPath: l.cgroupsPath });
    const text = JSON.stringify(edited, null, 2) + '\n';
    writeFileSync(l.config, text);
    syscallLog.record('write', [quote(l.config), `${text.length} bytes`], text.length);
  
    const summary = specSummary(edited);
    setBlock(ctx, 'config.json', summary);
    out.push(`runc spec wrote ${l.config}; the lab changed process.args, terminal, hostname, cgroupsPath:`);
    out.push(...summary.map((s) => `  ${s}`));
    return outcome(syscallLog.drain(), out);
  },
});
