// docker run's name and id: a generated adjective_surname, 64 random hex, hostname = the first 12.
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { dockerRun, generateIdentity } from './dockerRunState.js';
import type { SyscallEntry } from '../types.js';

/** docker: a generated name (--name overrides it), a 64-hex id, hostname = the id's first 12 hex. */
export const nameContainer: Action = async (ctx) => {
  const state = dockerRun(ctx);
  const { name, id } = generateIdentity();
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'sethostname', { name: id.slice(0, 12) });
  state.name = name;
  state.id = id;
  return outcome(log, [`name      ${name}`, `id        ${id}`, `hostname  ${id.slice(0, 12)}   (the id's first 12 hex digits, as docker sets it)`]);
};
