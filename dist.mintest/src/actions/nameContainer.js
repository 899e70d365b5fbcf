// docker run's name and id: a generated adjective_surname, 64 random hex, hostname = the first 12.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';
import { dockerRun, generateIdentity } from './dockerRunState.js';
/** What the helper sends the container part: the hostname it drew. */
const given = z.strictObject({ hostname: z.string().regex(/^[0-9a-f]{12}$/) });
export const nameContainer = defineAction({
    name: 'name-container',
    params: z.strictObject({}),
    doc: 'What docker makes up for a container: the helper draws a name (a random adjective_surname, as docker\'s '
        + 'namesgenerator does) and an id (32 random bytes, 64 hex digits), and the container process calls '
        + 'sethostname(2) with the id\'s first 12 hex digits, which changes the hostname of its own UTS namespace only. '
        + 'The learner sees the name, the id and the hostname; the host\'s hostname stays as it was.',
    host: {
        effect: 'sets a random container id as the hostname of the container\'s own UTS namespace',
        untrusted: 'allowed',
    },
    performs: [syscall('sethostname')],
    needs: ['own uts namespace'],
    provides: ['container name'],
    inContainer({ sys }, _params, sent) {
        sys.kernel.sethostname(given.parse(sent).hostname);
        return {};
    },
    run: async (ctx) => {
        const state = dockerRun(ctx);
        const { name, id } = generateIdentity();
        const { log } = await inContainer(ctx, 'name-container', {}, { hostname: id.slice(0, 12) });
        state.name = name;
        state.id = id;
        return outcome(log, [`name      ${name}`, `id        ${id}`, `hostname  ${id.slice(0, 12)}   (the id's first 12 hex digits, as docker sets it)`]);
    },
});
