// The image's Cmd, run in the container: what `docker run IMAGE` does last.
import { z } from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { builderCall } from './builderCall.js';
import { dockerRunIfStarted, requireMerged } from './dockerRunState.js';
import { LabError } from '../errors.js';
import { ensureLabImage } from '../image/labImage.js';
import { lines } from './dockerRunUtil.js';
export const runImageCmd = defineAction({
    name: 'run-image-cmd',
    params: z.strictObject({}),
    doc: 'What docker run does last: the image\'s Cmd (config.Cmd of the OCI image config) runs as a child of the '
        + 'container process, through chroot(8) into the container\'s root, so it has the container\'s namespaces and '
        + 'root. The learner sees what it printed; the step fails with its exit status when it does not exit 0. Its '
        + 'stdout is the step output the checks read (output-matches).',
    host: {
        effect: 'runs the lab image\'s own Cmd as root in the container\'s root',
        untrusted: 'allowed',
    },
    performs: [program('the image Cmd', 'the OCI image-spec config'), program('chroot', 'chroot(8)')],
    needs: ['overlay c1'],
    run: async (ctx) => {
        const merged = requireMerged(ctx);
        const output = [];
        const image = await ensureLabImage({ onMessage: (l) => output.push(l) });
        if (image.cmd.length === 0)
            throw new LabError('the image has no Cmd');
        const result = await builderCall(ctx, 'run', { command: ['chroot', merged, ...image.cmd] });
        if (result.status !== 0) {
            throw new LabError(`${image.cmd.join(' ')} exited with ${result.signal ?? 'status ' + result.status}: ${result.stderr.trim()}`, undefined, undefined, result.log);
        }
        const name = dockerRunIfStarted(ctx)?.name;
        return outcome(result.log, [`Cmd ${JSON.stringify(image.cmd)}${name ? ` in ${name}` : ''}:`, ...lines(result.stdout), ...lines(result.stderr).map((l) => `stderr: ${l}`)], lines(result.stdout));
    },
});
