// Chain lesson: the bundle containerd wrote for the docker container (config.json + rootfs), read from its state directory.
import * as z from 'zod';
import { defineAction, syscall, kernelFile, outcome } from '../steps/define.js';
import { join } from 'node:path';
import { chain } from './chainState.js';
import { requireDaemons } from './chainUtil.js';
import { setBlock } from './chainBlock.js';
import { bundleSummary, type RuntimeConfig } from '../chain/bundleSummary.js';
import { quote } from '../../native/syscallLog.js';
import { LabError } from '../errors.js';

/** containerd's runtime v2 keeps one bundle per task: <state>/io.containerd.runtime.v2.task/<namespace>/<id>. */
export function bundleDir(state: string, namespace: string, id: string): string {
  return join(state, 'io.containerd.runtime.v2.task', namespace, id);
}

export const showBundle = defineAction({
  name: 'show-bundle',
  params: z.strictObject({ namespace: z.string().default('moby') }),
  doc: 'The helper reads config.json of the OCI bundle containerd wrote for the lesson\'s docker container, in '
    + 'containerd\'s state directory (<state>/io.containerd.runtime.v2.task/<namespace>/<id>/), the bundle runc '
    + 'was handed along with rootfs/. The chain panel shows its key parts: the process\'s args, the namespaces '
    + 'asked for, the cgroup path, the mounts; the output names the bundle directory and where the root is: '
    + 'dockerd mounts it itself and names it in root.path, so the bundle\'s rootfs/ stays empty.',
  host: {
    effect: 'reads config.json of the lab container\'s OCI bundle in containerd\'s state directory',
    untrusted: 'allowed',
  },
  performs: [syscall('read', 'read(2)'), kernelFile('config.json', 'the OCI runtime-spec')],
  needs: ['containerd daemon'],
  run: async (ctx, { namespace }) => {
    const d = requireDaemons(ctx);
    const container = chain(ctx).container;
    if (!container) throw new LabError('no container is running yet', 'run the step that starts one first');
    const dir = bundleDir(d.layout.containerdState, namespace, container.id);
    const path = join(dir, 'config.json');
    let text: string;
    try {
      text = ctx.sys.readFile(path);
    } catch (error) {
      throw new LabError(`cannot read ${path}: ${(error as Error).message}`);
    }
    ctx.sys.record('read', [quote(path)], text.length);
    const config = JSON.parse(text) as RuntimeConfig;
    setBlock(ctx, `config.json of ${container.id.slice(0, 12)} (the OCI bundle)`, bundleSummary(config));
    // dockerd hands containerd no snapshot: rootfs/ stays empty, root.path names the overlay dockerd mounted itself
    const root = config.root?.path ?? '?';
    const where = root === 'rootfs' ? ['  root.path: rootfs (a snapshot containerd mounted there)'] : ['  rootfs/ is empty; root.path, the overlay dockerd mounted:', `  ${root}`];
    return outcome(ctx.sys.drain(), [`bundle: ${dir}`, `  config.json (${text.length} bytes) + rootfs/`, ...where]);
  },
});
