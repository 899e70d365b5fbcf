// show-bundle: config.json read from containerd's state dir for the lesson's container, its key parts in the panel.
import { describe, expect, it } from 'vitest';
import { showBundle, bundleDir } from '../../../src/actions/showBundle.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';

const ID = 'd299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df';

describe('show-bundle', () => {
  it('reads <state>/io.containerd.runtime.v2.task/<ns>/<id>/config.json through the seam and logs the read', async () => {
    const { ctx, d } = chainLab();
    chain(ctx).container = { id: ID, name: 'x', pid: 6521 };
    const path = `${bundleDir(d.layout.containerdState, 'moby', ID)}/config.json`;
    const config = { root: { path: '/var/lib/docker/overlay2/4f1c/merged' }, process: { args: ['sleep', '600'] }, linux: { namespaces: [{ type: 'pid' }, { type: 'network', path: '/proc/1/ns/net' }], cgroupsPath: '/container-lab-test-docker/' + ID } };
    ctx.sys.files.set(path, JSON.stringify(config));
    const result = await showBundle.run(ctx, { namespace: 'moby' });
    expect(result.log).toEqual([expect.objectContaining({ call: 'read', args: [JSON.stringify(path)] })]);
    expect(result.output[0]).toBe(`bundle: ${d.layout.containerdState}/io.containerd.runtime.v2.task/moby/${ID}`);
    expect(result.output.slice(2)).toEqual(['  rootfs/ is empty; root.path, the overlay dockerd mounted:', '  /var/lib/docker/overlay2/4f1c/merged']);
    const block = chain(ctx).view.blocks?.[0];
    expect(block?.title).toBe('config.json of d299bce2daf8 (the OCI bundle)');
    expect(block?.lines.join('\n')).toMatch(/sleep/);
  });

  it('fails without a container, or when the bundle is not there', async () => {
    const { ctx } = chainLab();
    await expect(showBundle.run(ctx, { namespace: 'moby' })).rejects.toThrow(/no container is running yet/);
    chain(ctx).container = { id: ID, name: 'x', pid: 6521 };
    await expect(showBundle.run(ctx, { namespace: 'moby' })).rejects.toThrow(/cannot read .*config\.json: ENOENT/);
  });
});
