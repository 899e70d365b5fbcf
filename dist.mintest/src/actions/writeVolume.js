// Writes a file into the volume from one side, so the check can read it from the other; resolved inside that side's root.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { volumeFile } from '../steps/params.js';
import { inContainer } from './builderCall.js';
import { dockerRun } from './dockerRunState.js';
import { LabError } from '../errors.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { inRootHint, linkNote } from './inRootNote.js';
/** What the helper sends the container part: the container's root, and where the volume is mounted inside it. */
const given = z.strictObject({ merged: z.string().startsWith('/'), target: z.string().startsWith('/') });
/** Writes `path` inside `r`; returns the line about a symlink it went through, or a LabError saying where. */
function writeInside(r, path, text, who) {
    const note = linkNote(r, path, who);
    try {
        r.writeFile(path, text);
    }
    catch (e) {
        const code = e.code ?? 'EIO';
        throw new LabError(`could not write ${path} in ${who}: ${code}${note ? ` (${note})` : ''}`, inRootHint(code));
    }
    return note;
}
export const writeVolume = defineAction({
    name: 'write-volume',
    params: z.strictObject({ side: z.enum(['container', 'host']), file: volumeFile, text: z.string() }),
    doc: 'Writes one file into the volume from one side: side: container has the container process write it under the '
        + 'volume\'s mount point in its own mount namespace, resolved inside the container\'s root (through the bind mount, '
        + 'so the bytes land in the host directory, not in the overlay\'s upper layer); side: host has the helper write it '
        + 'in <session>/volume on the host, resolved inside that directory. Both open with openat2(2) '
        + 'RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS: the container can put symlinks in the volume, and none of them may lead '
        + 'a root process to a host file. The learner sees which side wrote how many bytes where; the check reads it from '
        + 'the other side.',
    host: {
        effect: 'writes {file} into <session>/volume, from the {side}',
        untrusted: 'allowed',
    },
    performs: [syscall('openat2', 'openat2(2) RESOLVE_IN_ROOT'), syscall('write', 'write(2)')],
    needs: ['volume'],
    inContainer({ sys, state }, { file, text }, sent) {
        const { merged, target } = given.parse(sent);
        state.requireOwnMountNamespace();
        const point = merged + target;
        if (!parseMountinfo(sys.readFile('/proc/self/mountinfo')).some((m) => m.mountPoint === point)) {
            throw new LabError(`${point} is not a mount point in the container's mount namespace`, 'run the step that bind-mounts the volume first');
        }
        const path = `${target}/${file}`;
        const link = sys.inRoot(merged, (r) => writeInside(r, path, text, 'the container'));
        return { link };
    },
    run: async (ctx, { side, file, text }) => {
        const volume = dockerRun(ctx).volume;
        if (!volume)
            throw new LabError('there is no volume yet', 'run the step that bind-mounts the volume first');
        const bytes = Buffer.byteLength(text);
        if (side === 'host') {
            const link = ctx.sys.inRoot(volume.host, (r) => writeInside(r, file, text, 'the volume'));
            return outcome(ctx.sys.drain(), [`host: wrote ${bytes} bytes to ${volume.host}/${file}`, ...(link ? [link] : [])]);
        }
        const { log, link } = await inContainer(ctx, 'write-volume', { side, file, text }, { merged: volume.merged, target: volume.target });
        return outcome(log, [`container: wrote ${bytes} bytes to ${volume.target}/${file}`, ...(link ? [link] : [])]);
    },
});
