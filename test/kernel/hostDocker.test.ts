// --host-docker, for real, against a stand-in for the host's Docker (a dockerd this test starts): the REST lesson
// runs on it, the lab starts and stops nothing, and it leaves no container or image of its own behind.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { PrivateDaemons, requireBinaries } from '../../src/chain/daemons.js';
import { createSessionDir, removeSessionDir } from '../../src/helper/stateDir.js';
import { stateRoot } from '../../src/stateRoot.js';
import type { SessionDir } from '../../src/steps/context.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { isAlive } from '../support/kernelView.js';
import { sessionProcesses } from '../support/chainView.js';

const cli = join(packageRoot(), 'dist/app/main.js');

describeAsRoot('--host-docker: the REST lesson on a Docker the lab did not start', () => {
  // the stand-in lives in a session dir of its own, owned by this test process
  let host: SessionDir;
  let daemons: PrivateDaemons;
  const docker = (...args: string[]) =>
    spawnSync('/usr/bin/docker', ['-H', `unix://${daemons.layout.dockerSocket}`, ...args], { encoding: 'utf8', env: { ...process.env, DOCKER_CONFIG: join(host.dir, 'cli') } });

  beforeAll(async () => {
    host = createSessionDir(stateRoot());
    daemons = PrivateDaemons.prepare(host.dir, host.id, requireBinaries(['docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc']), null);
    await daemons.startContainerd();
    await daemons.startDockerd();
  });

  afterAll(async () => {
    await daemons?.stop();
    if (host) removeSessionDir(host.dir);
  });

  it('runs every step through the proxy on that socket, then removes its image and containers, and touches no daemon', () => {
    const before = { containerd: daemons.containerd!.pid, dockerd: daemons.dockerd!.pid };
    expect(docker('image', 'inspect', 'container-lab/lab:latest').status, 'no lab image before').not.toBe(0);
    const env = { ...process.env, CI: 'true', DOCKER_HOST: `unix://${daemons.layout.dockerSocket}` };
    const r = spawnSync(process.execPath, [cli, 'run', 'docker-rest', '--no-tui', '--host-docker'], { encoding: 'utf8', env, timeout: 120_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/the host's Docker .* \(you chose --host-docker\): nothing started here/);
    expect(r.stdout).toMatch(/POST \/v1\.\d+\/containers\/create → 201/);
    // the stand-in's daemons are the same processes, and the lab started none of its own
    expect(isAlive(before.containerd) && isAlive(before.dockerd)).toBe(true);
    expect(sessionProcesses(host.dir).filter((p) => p.comm === 'dockerd').map((p) => p.pid)).toEqual([before.dockerd]);
    expect(docker('ps', '-aq', '--filter', 'label=container-lab').stdout.trim(), 'no labelled container left').toBe('');
    expect(docker('image', 'inspect', 'container-lab/lab:latest').status, 'the image it loaded is gone again').not.toBe(0);
  });

  it('refuses the lessons that stop and start daemons, saying why', () => {
    const env = { ...process.env, CI: 'true', DOCKER_HOST: `unix://${daemons.layout.dockerSocket}` };
    const r = spawnSync(process.execPath, [cli, 'run', 'shim', '--no-tui', '--host-docker'], { encoding: 'utf8', env });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/runs only on the lab's private ones/);
    const missing = spawnSync(process.execPath, [cli, 'run', 'docker-rest', '--no-tui', '--host-docker'], { encoding: 'utf8', env: { ...env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--host-docker: there is no Docker socket at \/nonexistent\/docker.sock/);
  });
});
