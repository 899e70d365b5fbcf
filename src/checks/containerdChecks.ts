// Checks for the containerd lesson: containerd's namespaces and who lists which container, asked with ctr and docker by the check itself.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { ask, ctrArgv, dockerArgv } from './chainChecks.js';
import { CHAIN_IMAGE_FQ } from '../chain/imageArchive.js';
import { imageStoreOf } from '../chain/imageStore.js';

function words(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

export const containerdNamespaces = defineCheck({
  name: 'containerd-namespaces',
  params: z.strictObject({ has: z.array(z.string().min(1)).min(1) }),
  doc: 'containerd keeps its objects in namespaces of its own (not kernel namespaces): `ctr namespaces ls -q` on '
    + 'the lab\'s containerd lists each name in `has`, e.g. moby, where dockerd keeps its containers.',
  reads: ['`ctr namespaces ls -q` (run by the check)'],
  run: (ctx, { has }) => {
    const names = words(ask(ctx, ctrArgv(ctx, 'default', ['namespaces', 'ls', '-q'])));
    const missing = has.filter((n) => !names.includes(n));
    return missing.length === 0 ? pass(`ctr namespaces ls: ${names.join(', ')}`) : fail(`ctr namespaces ls has no ${missing.join(', ')}: ${names.join(', ') || '(none)'}`);
  },
});

export const ctrLists = defineCheck({
  name: 'ctr-lists',
  params: z
    .strictObject({ namespace: z.string().default('default'), id: z.string().min(1).optional(), count: z.number().int().min(0).optional() })
    .refine((p) => p.id !== undefined || p.count !== undefined, 'give id or count'),
  doc: '`ctr containers ls -q` in `namespace` on the lab\'s containerd lists the container `id`, or exactly '
    + '`count` containers (one of the two must be given).',
  reads: ['`ctr -n <namespace> containers ls -q` (run by the check)'],
  run: (ctx, p) => {
    const ids = words(ask(ctx, ctrArgv(ctx, p.namespace, ['containers', 'ls', '-q'])));
    const shown = ids.map((i) => (i.length > 20 ? i.slice(0, 12) + '…' : i)).join(', ') || '(none)';
    if (p.id !== undefined && !ids.includes(p.id)) return fail(`ctr -n ${p.namespace} containers ls has no ${p.id}: ${shown}`);
    if (p.count !== undefined && ids.length !== p.count) return fail(`ctr -n ${p.namespace} containers ls lists ${ids.length}, not ${p.count}: ${shown}`);
    return pass(`ctr -n ${p.namespace} containers ls: ${shown}`);
  },
});

/** containerd has the container (ctr lists it) and docker does not (docker ps -a, by id and by name). */
export const dockerDoesNotList = defineCheck({
  name: 'docker-does-not-list',
  params: z.strictObject({ id: z.string().min(1), namespace: z.string().default('default') }),
  doc: 'A container made with ctr is containerd\'s alone: `ctr containers ls -q` in `namespace` lists `id`, and '
    + '`docker ps -a` on the lab\'s dockerd lists no container with that id or name — dockerd knows only the '
    + 'containers in its own namespace, moby, that it made.',
  reads: ['`ctr -n <namespace> containers ls -q` (run by the check)', '`docker ps -a` (run by the check)'],
  run: (ctx, { id, namespace }) => {
    const ids = words(ask(ctx, ctrArgv(ctx, namespace, ['containers', 'ls', '-q'])));
    if (!ids.includes(id)) return fail(`ctr -n ${namespace} containers ls has no ${id} either`);
    const rows = words(ask(ctx, dockerArgv(ctx, ['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}}'])));
    const hit = rows.find((r) => r.split(' ').includes(id));
    if (hit) return fail(`docker ps -a lists it: ${hit}`);
    return pass(`ctr -n ${namespace} lists ${id}; docker ps -a lists ${rows.length} other(s): ${rows.map((r) => r.split(' ')[1]).join(', ') || '(none)'}`);
  },
});

/** Which image store the lab's dockerd uses, as it reports it, and whether containerd's moby namespace holds the image accordingly. */
export const dockerImageStore = defineCheck({
  name: 'docker-image-store',
  params: z.strictObject({}),
  doc: 'The lab\'s dockerd says which image store it uses: `docker info` (run by the check) reports DriverStatus '
    + '[["driver-type", "io.containerd.snapshotter.v1"]] when it keeps images in containerd (Docker 29\'s default '
    + 'on a fresh install), else its graph driver\'s status (Docker 20.10: overlay2). With containerd\'s store, '
    + '`ctr -n moby images ls -q` must list docker.io/container-lab/lab:latest; with a graph driver it must not.',
  reads: ['`docker info` Driver, DriverStatus, ServerVersion (run by the check)', '`ctr -n moby images ls -q` (run by the check)'],
  run: (ctx) => {
    const store = imageStoreOf(ask(ctx, dockerArgv(ctx, ['info', '--format', '{{.ServerVersion}}|{{.Driver}}|{{json .DriverStatus}}'])));
    const listed = words(ask(ctx, ctrArgv(ctx, 'moby', ['images', 'ls', '-q']))).includes(CHAIN_IMAGE_FQ);
    if (store.kind === 'containerd') {
      return listed
        ? pass(`Docker ${store.version} keeps images in containerd (snapshotter ${store.driver}): ctr -n moby images ls lists ${CHAIN_IMAGE_FQ}`)
        : fail(`Docker ${store.version} says it uses containerd's image store, but ctr -n moby images ls has no ${CHAIN_IMAGE_FQ}`);
    }
    return listed
      ? fail(`Docker ${store.version} says graph driver ${store.driver}, but ctr -n moby images ls lists ${CHAIN_IMAGE_FQ}`)
      : pass(`Docker ${store.version} keeps images in its own graph-driver store (${store.driver}): ctr -n moby images ls does not list them`);
  },
});
