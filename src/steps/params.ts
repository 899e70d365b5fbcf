// Parameter shapes that several step kinds share: namespace names, sizes, container names, commands.
import * as z from 'zod';

export const nsName = z.enum(['uts', 'pid', 'mnt', 'net', 'ipc', 'cgroup']);
export const command = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
/** a byte count, or a size with a binary suffix: 32m = 32 MiB */
export const size = z.union([z.number().int().positive(), z.string().regex(/^\d+[kmgKMG]?$/)]);
/** the layers lesson's containers: each has its own overlay upperdir under the session directory */
export const containerId = z.string().regex(/^[a-z0-9-]{1,20}$/);
export const containerName = containerId.default('c1');
/** the changing-root lesson's two processes: one that chroot(2)s, one that pivot_root(2)s */
export const rootProcess = z.enum(['chroot', 'pivot']);
/** the docker-run lesson's volume files: one name, no path */
export const volumeFile = z.string().regex(/^(?!\.\.?$)[A-Za-z0-9._-]+$/);
/** a containerd namespace */
export const ctrNamespace = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/);
