// One `docker inspect` of a container on the lab's dockerd, run by a check: its state and its read-write layer.
import * as z from 'zod';
import type { LabContext } from '../steps/context.js';
import { ask, dockerArgv } from './chainChecks.js';

/** A docker container name as the lesson files give it. */
export const containerName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).max(64);

const Inspected = z.object({
  Id: z.string(),
  Name: z.string(),
  State: z.object({ Status: z.string(), Running: z.boolean(), Paused: z.boolean(), Pid: z.number(), ExitCode: z.number() }),
  GraphDriver: z.object({ Name: z.string(), Data: z.record(z.string(), z.string()).nullable() }).optional(),
});

export type InspectedContainer = z.infer<typeof Inspected>;

/** dockerd's record of the container; throws (the check then fails with it) when dockerd has none by that name. */
export function inspectContainer(ctx: LabContext, name: string): InspectedContainer {
  const parsed = z.array(Inspected).min(1).safeParse(JSON.parse(ask(ctx, dockerArgv(ctx, ['inspect', '--type', 'container', name]))));
  if (!parsed.success) throw new Error(`docker inspect ${name}: not the answer of a container`);
  return parsed.data[0];
}

/** The host PID of its first process, or a reason why there is none. */
export function runningPid(c: InspectedContainer): number | string {
  if (!c.State.Running || c.State.Pid <= 0) return `docker inspect ${c.Name.replace(/^\//, '')}: State.Status ${c.State.Status}, no process`;
  return c.State.Pid;
}
