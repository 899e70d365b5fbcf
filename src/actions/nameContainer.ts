// docker run's name and id: a generated adjective_surname, 64 random hex, hostname = the first 12.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { builderCall } from './builderCall.js';
import { dockerRun, generateIdentity } from './dockerRunState.js';
import type { SyscallEntry } from '../types.js';

/** docker: a generated name (--name overrides it), a 64-hex id, hostname = the id's first 12 hex. */
export const nameContainer = defineAction({
  name: 'name-container',
  params: z.strictObject({}),
  doc: 'docker-run lesson: a generated adjective_surname and a 64-hex id; hostname = the id\'s first 12 hex',
  performs: [syscall('sethostname')],
  provides: ['container name'],
  run: async (ctx) => {
    const state = dockerRun(ctx);
    const { name, id } = generateIdentity();
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'sethostname', { name: id.slice(0, 12) });
    state.name = name;
    state.id = id;
    return outcome(log, [`name      ${name}`, `id        ${id}`, `hostname  ${id.slice(0, 12)}   (the id's first 12 hex digits, as docker sets it)`]);
  },
});
