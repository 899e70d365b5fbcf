// The docker and ctr allow-list: what hands the host to a container is refused, with the argument and why.
import { describe, expect, it } from 'vitest';
import { ctrArgRefusal, ctrArgs, dockerArgRefusal, dockerArgs, refuseArgs } from '../../../src/chain/argPolicy.js';

const docker = (...args: string[]) => dockerArgRefusal(args)?.message ?? null;
const ctr = (...args: string[]) => ctrArgRefusal(args)?.message ?? null;

describe('docker arguments', () => {
  it('refuses bind mounts of host paths, by -v, --volume and --mount, and allows named volumes and tmpfs', () => {
    expect(docker('run', '-v', '/:/host', 'img')).toMatch(/^docker argument -v \/:\/host is refused: \/ is a host path/);
    expect(docker('run', '--volume=/etc:/e:ro', 'img')).toMatch(/^docker argument --volume \/etc:\/e:ro is refused/);
    expect(docker('run', '-v', './x:/x', 'img')).toMatch(/is refused/);
    expect(docker('run', '--mount', 'type=bind,source=/,target=/h', 'img')).toMatch(/type=bind hands the host's files/);
    expect(docker('run', '--mount', 'type=volume,src=v,dst=/v,volume-opt=device=/', 'img')).toMatch(/volume-opt/);
    expect(docker('run', '--mount', 'type=volume,src=/etc,dst=/v', 'img')).toMatch(/source \/etc is a host path/);
    expect(docker('run', '-v', 'data:/data', '--mount', 'type=tmpfs,dst=/t', '-v', '/anon', 'img')).toBeNull();
    expect(docker('volume', 'create', '-o', 'device=/', 'v')).toMatch(/^docker argument -o is refused: volume driver options/);
    expect(docker('volume', 'create', 'v')).toBeNull();
  });

  it('refuses privilege, capabilities, devices and disabled security options', () => {
    expect(docker('run', '--privileged', 'img')).toBe('docker argument --privileged is refused: it gives the container every capability and every host device');
    expect(docker('run', '--cap-add=SYS_ADMIN', 'img')).toMatch(/^docker argument --cap-add is refused/);
    expect(docker('run', '--device', '/dev/sda', 'img')).toMatch(/^docker argument --device is refused/);
    for (const opt of ['seccomp=unconfined', 'apparmor=unconfined', 'label=disable', 'systempaths=unconfined']) {
      expect(docker('run', '--security-opt', opt, 'img')).toMatch(new RegExp(`^docker argument --security-opt ${opt} is refused`));
    }
    expect(docker('run', '--security-opt', 'no-new-privileges', '--cap-drop', 'ALL', 'img')).toBeNull();
  });

  it('refuses the host\'s namespaces and another container\'s, and any network but none', () => {
    for (const [opt, value] of [['--network', 'host'], ['--net', 'host'], ['--pid', 'host'], ['--ipc', 'host'], ['--uts', 'host'], ['--userns', 'host'], ['--cgroupns', 'host']]) {
      expect(docker('run', `${opt}=${value}`, 'img'), opt).toBe(`docker argument ${opt} host is refused: the container would share this namespace with the host`);
      expect(docker('run', opt, value, 'img'), opt).toMatch(/is refused/);
    }
    expect(docker('run', '--pid', 'container:other', 'img')).toMatch(/joins another container/);
    expect(docker('run', '--network', 'bridge', 'img')).toMatch(/only --network none/);
    expect(docker('run', '--network', 'none', '--ipc', 'private', '--cgroupns', 'private', 'img')).toBeNull();
  });

  it('refuses commands and options that read or write the host\'s files or reach another daemon', () => {
    expect(docker('cp', 'c:/etc/passwd', '/tmp/x')).toMatch(/^docker argument cp is refused: it copies/);
    expect(docker('build', '/')).toMatch(/^docker argument build is refused/);
    expect(docker('save', '-o', '/tmp/x', 'img')).toMatch(/^docker argument save is refused/);
    expect(docker('-H', 'unix:///var/run/docker.sock', 'ps')).toMatch(/^docker argument -H is refused/);
    expect(docker('run', '--env-file', '/etc/shadow', 'img')).toMatch(/reads a file of the host/);
    expect(docker('run', '--cidfile', '/etc/x', 'img')).toMatch(/writes a file on the host/);
    expect(docker('run', '--cgroup-parent', '/', 'img')).toMatch(/cgroup of the host/);
    expect(docker('run', '-p', '80:80', 'img')).toMatch(/opens a port on the host/);
    expect(docker('exec', '--privileged', 'c', 'sh')).toMatch(/^docker argument --privileged is refused/);
    expect(docker('plugin', 'install', 'x')).toMatch(/any privilege/);
    expect(docker('image', 'import', '/x')).toMatch(/^docker argument image import is refused/);
  });

  it('reads the command after the image as the container\'s, and allows what the shipped lessons use', () => {
    expect(docker('run', '-it', '--rm', 'img', 'sh', '-c', 'x', '--privileged')).toBeNull();
    expect(docker('run', '-d', '-i', '--name', 'container-lab-shim', 'container-lab/lab:latest', 'sh', '-c', 'exit 42')).toBeNull();
    expect(docker('ps', '-a', '--format', '{{.Names}}')).toBeNull();
    expect(docker('version', '--format', 'x')).toBeNull();
    expect(docker('wait', 'c')).toBeNull();
    expect(docker('create', '--name', 'cl-rest', 'container-lab/lab')).toBeNull();
    expect(docker('run', '--add-host', 'db:10.0.0.2', '--tmpfs', '/run', '-m', '64m', 'img')).toBeNull();
  });

  it('gives the index of the refused argument for the file line, as a schema issue and at run time', () => {
    expect(dockerArgRefusal(['run', '--rm', '-v', '/:/h', 'img'])?.index).toBe(2);
    const parsed = dockerArgs.safeParse(['run', '--privileged', 'img']);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: [1], message: expect.stringMatching(/^docker argument --privileged is refused/) });
    expect(refuseArgs(dockerArgs, ['run', '--privileged', 'img'])).toMatch(/^docker argument --privileged/);
    expect(refuseArgs(dockerArgs, ['ps'])).toBeNull();
  });
});

describe('ctr arguments', () => {
  it('refuses ctr run\'s host-handing options and allows the shipped lesson\'s run', () => {
    for (const opt of ['--privileged', '--net-host', '--cap-add', '--device', '--rootfs', '--config', '--log-uri', '--cgroup', '--runc-root', '--seccomp-profile', '--allow-new-privs']) {
      expect(ctr('run', opt, 'x', 'img', 'id'), opt).toMatch(new RegExp(`^ctr argument ${opt} is refused: `));
    }
    expect(ctr('run', '--mount', 'type=bind,src=/,dst=/h,options=rbind', 'img', 'id')).toMatch(/^ctr argument --mount is refused/);
    expect(ctr('run', '--with-ns', 'network:/proc/1/ns/net', 'img', 'id')).toMatch(/^ctr argument --with-ns is refused/);
    expect(ctr('run', '-d', 'docker.io/container-lab/lab:latest', 'container-lab-ctr', 'sleep', '3600')).toBeNull();
  });

  it('refuses commands that touch the host\'s files or point ctr elsewhere', () => {
    expect(ctr('images', 'import', '/tmp/x.tar')).toMatch(/reads, writes or mounts files of the host/);
    expect(ctr('images', 'mount', 'img', '/mnt')).toMatch(/reads, writes or mounts files of the host/);
    expect(ctr('install', 'x')).toMatch(/installs programs on the host/);
    expect(ctr('--address', '/run/containerd/containerd.sock', 'c', 'ls')).toMatch(/^ctr argument --address is refused/);
    expect(ctr('tasks', 'exec', '--exec-id', 'x', 'id', 'sh')).toMatch(/^ctr argument tasks exec is refused/);
    expect(ctr('namespaces', 'ls')).toBeNull();
    expect(ctr('containers', 'ls')).toBeNull();
    expect(ctrArgs.safeParse(['run', '--privileged', 'img', 'id']).success).toBe(false);
  });
});
