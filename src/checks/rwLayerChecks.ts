// Checks that a container's read-write layer outlives its process: the file in docker's UpperDir, and that dir under the new PID 1's root.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { containerName, inspectContainer } from './dockerInspect.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';

/** overlayfs prints the upperdir it was given: absolute, or relative to where dockerd mounted from (long option strings). */
function sameUpper(option: string | undefined, upper: string): boolean {
  return option !== undefined && (option === upper || (!option.startsWith('/') && upper.endsWith('/' + option)));
}

export const rwLayerHolds = defineCheck({
  name: 'rw-layer-holds',
  params: z.strictObject({ name: containerName, path: z.string().regex(/^\/[^\0]*$/).max(200), lines: z.number().int().min(1).max(100) }),
  doc: 'The container\'s read-write layer holds `path` with `lines` lines: the check takes UpperDir from `docker '
    + 'inspect` GraphDriver.Data (it must lie in the session directory) and reads the file there itself, resolving '
    + 'links inside that directory (openat2 RESOLVE_IN_ROOT), never on the host. When the container runs, its first '
    + 'process\'s / (in /proc/<pid>/mountinfo) must be an overlay whose upperdir is that directory: the same layer '
    + 'the earlier runs wrote. When it is stopped, the detail says nothing mounts it and the directory is still there.',
  reads: ['`docker inspect` GraphDriver.Data.UpperDir, State (run by the check)', '<UpperDir>/<path> (openat2 RESOLVE_IN_ROOT)', '/proc/<pid>/mountinfo: the / line\'s fs type and upperdir='],
  run: (ctx, { name, path, lines }) => {
    const c = inspectContainer(ctx, name);
    const upper = c.GraphDriver?.Data?.UpperDir;
    if (!upper) return fail(`docker inspect ${name}: no GraphDriver.Data.UpperDir (storage driver ${c.GraphDriver?.Name ?? '?'})`);
    if (!upper.startsWith(ctx.session.dir + '/')) return fail(`UpperDir ${upper} is not under the session directory`);
    let text: string;
    try {
      text = ctx.sys.inRoot(upper, (r) => (r.lstat(path).isFile ? r.readFile(path) : null)) ?? '';
    } catch {
      return fail(`${upper}${path} does not exist`);
    }
    const got = text.split('\n').filter((l) => l.trim() !== '');
    const said = `${upper}${path}: ${got.length} line${got.length === 1 ? '' : 's'}${got.length ? ` (${got.map((l) => JSON.stringify(l.slice(0, 40))).join(', ')})` : ''}`;
    if (got.length !== lines) return fail(`${said}, not ${lines}`);
    if (!c.State.Running) return pass(`${said}; State.Status ${c.State.Status}: nothing mounts the layer, the directory stays`);
    const root = parseMountinfo(ctx.sys.readFile(`/proc/${c.State.Pid}/mountinfo`)).find((m) => m.mountPoint === '/');
    const option = root?.superOptions.split(',').find((o) => o.startsWith('upperdir='))?.slice('upperdir='.length);
    if (root?.fsType !== 'overlay' || !sameUpper(option, upper)) return fail(`${said}; but PID ${c.State.Pid}'s / is ${root?.fsType ?? '?'} with upperdir=${option ?? '?'}, not that directory`);
    return pass(`${said}; PID ${c.State.Pid}'s / is the overlay with that upperdir`);
  },
});
