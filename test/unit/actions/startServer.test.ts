// start-server: busybox httpd from the image, started by the container process in its namespaces and root.
import { describe, expect, it, vi } from 'vitest';
import { startServer } from '../../../src/actions/startServer.js';
import { dockerRun } from '../../../src/actions/dockerRunState.js';
import { fakeLab } from '../../support/fakeLab.js';

const MERGED = '/run/container-lab/session-test/containers/c1/merged';
const BASE = '/run/container-lab/session-test/layers/1';

// The layers lesson's state belongs to its own slot: the tests give it through its accessors.
vi.mock('../../../src/actions/layersState.js', async (original) => ({
  ...(await original<typeof import('../../../src/actions/layersState.js')>()),
  requireContainer: () => ({ upper: '', work: '', merged: MERGED }),
  requireLayers: () => ({ imageDir: '/img', layerDirs: [BASE, '/run/container-lab/session-test/layers/2'], digests: [], containers: {} }),
}));

// proc(5) /proc/net/tcp6: local [::]:0050 (port 80), state 0A (LISTEN)
const TCP6 = '  sl  local_address                         remote_address                        st\n   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000\n';

function lab() {
  const ctx = fakeLab();
  ctx.sys.files.set(`${BASE}/bin/busybox`, '');
  ctx.sys.links.set(`${BASE}/bin/httpd`, 'busybox');
  ctx.sys.files.set('/proc/1000/net/tcp6', TCP6);
  ctx.builder.reply('run', { status: 0, signal: null, stdout: '', stderr: '' });
  return ctx;
}

describe('start-server', () => {
  it('has the container process start httpd chrooted into the container\'s root, and waits for its listener', async () => {
    const ctx = lab();
    dockerRun(ctx).network = { bridgePid: 5000, subnet: 7, bridgeIf: 'cl-veth0', containerIf: 'cl-eth0', bridgeAddr: '10.200.7.1', containerAddr: '10.200.7.2' };
    const result = await startServer.run(ctx, { port: 80, dir: '/data' });
    expect(ctx.builder.requests).toEqual([{ method: 'run', params: { command: ['/bin/sh', '-c', `chroot ${MERGED} /bin/busybox httpd -f -p 80 -h /data </dev/null >/dev/null 2>&1 &`] } }]);
    expect(dockerRun(ctx).server).toEqual({ port: 80, dir: '/data' });
    expect(result.output).toEqual(['httpd listens on port 80 inside the container (10.200.7.2:80), serving /data']);
  });

  it('fails with a hint when the image has no busybox', async () => {
    const ctx = lab();
    ctx.sys.files.delete(`${BASE}/bin/busybox`);
    await expect(startServer.run(ctx, { port: 80, dir: '/data' })).rejects.toThrow(/the image has no busybox/);
    expect(ctx.builder.requests).toEqual([]);
  });

  it('fails when busybox has no httpd applet link', async () => {
    const ctx = lab();
    ctx.sys.links.delete(`${BASE}/bin/httpd`);
    await expect(startServer.run(ctx, { port: 80, dir: '/data' })).rejects.toThrow(/no httpd applet/);
    expect(ctx.builder.requests).toEqual([]);
  });

  it('fails with the shell\'s stderr when it cannot start httpd', async () => {
    const ctx = lab();
    ctx.builder.reply('run', { status: 127, signal: null, stdout: '', stderr: 'chroot: not found\n' });
    await expect(startServer.run(ctx, { port: 80, dir: '/data' })).rejects.toThrow('starting httpd failed: chroot: not found');
    expect(dockerRun(ctx).server).toBeUndefined();
  });
});
