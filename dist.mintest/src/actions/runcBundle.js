// runc-alone lesson: an OCI bundle from the lab image: its rootfs unpacked, `runc spec`'s config.json edited for the lab.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { mkdirSync, rmSync } from 'node:fs';
import { layoutOf, requireRunc, succeeded } from './runcUtil.js';
import { setBlock } from './chainBlock.js';
import { ensureLabImage, unpackRootfs } from '../image/labImage.js';
import { labSpec, specSummary } from '../chain/runcSpec.js';
import { resolveInRoot } from '../chain/pathInRoot.js';
import { LabError } from '../errors.js';
import { quote } from '../../native/syscallLog.js';
export const runcBundle = defineAction({
    name: 'runc-bundle',
    params: z.strictObject({ args: z.array(z.string().min(1)).min(1).default(['/bin/sleep', '3600']) }),
    doc: 'Makes an OCI bundle in the session dir, in the helper (no container process): the lab image\'s layers '
        + 'unpacked into <session>/bundle/rootfs, then `runc spec --bundle <session>/bundle` writes runc\'s default '
        + 'config.json and the lab edits it: process.args to these args, process.terminal false (no console socket), '
        + 'hostname container-lab, linux.cgroupsPath /container-lab-<session>-runc/cl-<session>. args[0] must be an '
        + 'executable file of the image, its symlinks resolved inside the rootfs. The learner sees the key lines of '
        + 'config.json in a "config.json" block of the chain panel.',
    host: {
        effect: 'unpacks the lab image into <session>/bundle and writes runc\'s default config.json, with process args `{args}`',
        untrusted: 'allowed',
    },
    performs: [program('runc spec', 'runc-spec(8)')],
    provides: ['runc bundle'],
    run: async (ctx, { args }) => {
        const { sys } = ctx;
        const runc = requireRunc(ctx);
        const l = layoutOf(ctx);
        const out = [];
        const image = await ensureLabImage({ onMessage: (line) => out.push(line) });
        const started = performance.now();
        mkdirSync(l.rootfs, { recursive: true, mode: 0o755 });
        await unpackRootfs(image, l.rootfs);
        sys.record('unpack', [quote(`${image.manifestDigest.slice(0, 19)}…`), quote(l.rootfs)], 0, undefined, performance.now() - started);
        out.push(`rootfs: the lab image (${image.layers.length} layers) unpacked into ${l.rootfs}`);
        const program = resolveInRoot(l.rootfs, args[0], sys);
        const st = program ? sys.stat(program) : null;
        if (!st?.isFile || (st.mode & 0o111) === 0) {
            throw new LabError(`${args[0]} is not a program in the lab image`, 'give process.args a program the image has, e.g. /bin/sleep or /bin/sh');
        }
        // runc spec refuses to overwrite a config.json ("File config.json exists. Remove it first")
        rmSync(l.config, { force: true });
        succeeded(await sys.run([runc, 'spec', '--bundle', l.bundle]), 'runc spec');
        const edited = labSpec(JSON.parse(sys.readFile(l.config)), { args, hostname: 'container-lab', cgroupsPath: l.cgroupsPath });
        sys.writeFile(l.config, JSON.stringify(edited, null, 2) + '\n');
        const summary = specSummary(edited);
        setBlock(ctx, 'config.json', summary);
        out.push(`runc spec wrote ${l.config}; the lab changed process.args, terminal, hostname, cgroupsPath:`);
        out.push(...summary.map((s) => `  ${s}`));
        return outcome(sys.drain(), out);
    },
});
