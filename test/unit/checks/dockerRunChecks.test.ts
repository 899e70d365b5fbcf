// The docker-run checks decide from fake /proc files and program answers; none of them touches the host.
import { describe, expect, it } from 'vitest';
import { addressesInLabOnly, containerNamed, httpAnswers, vethInLabOnly, volumeMounted, volumeShows } from '../../../src/checks/dockerRunChecks.js';
import { dockerRun } from '../../../src/actions/dockerRunState.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const S = '/run/container-lab/session-test';
const MERGED = `${S}/containers/c1/merged`;
const ID = 'ab'.repeat(32);
const NET = { bridgePid: 5000, subnet: 7, bridgeIf: 'cl-veth0', containerIf: 'cl-eth0', bridgeAddr: '10.200.7.1', containerAddr: '10.200.7.2' };

function lab(sys = new RecordingSys()) {
  const ctx = fakeLab({ sys });
  const state = dockerRun(ctx);
  state.name = 'brave_curie';
  state.id = ID;
  state.volume = { host: `${S}/volume`, target: '/data', merged: MERGED };
  state.network = NET;
  state.server = { port: 80, dir: '/data' };
  state.forwarder = { pid: 6000, port: 40000 };
  return ctx;
}

const programs = (ctx: ReturnType<typeof lab>) => ctx.sys.calls.filter((c) => c.via === 'program').map((c) => (c as { argv: string[] }).argv);

describe('container-named', () => {
  it('passes when the hostname read in the container\'s UTS namespace is the id\'s first 12 hex', () => {
    const ctx = lab(new RecordingSys().answer(['nsenter'], { stdout: 'abababababab\n' }));
    expect(containerNamed.run(ctx, {})).toEqual({ ok: true, detail: 'brave_curie, id abababababab…; hostname inside (read with nsenter) is abababababab' });
    expect(programs(ctx)).toEqual([['nsenter', '--target', '1000', '--uts', '--', 'hostname']]);
    expect(ctx.sys.drain()).toEqual([]);
  });

  it('fails on another hostname, or a name that is not adjective_surname', () => {
    const ctx = lab(new RecordingSys().answer(['nsenter'], { stdout: 'vm\n' }));
    expect(containerNamed.run(ctx, {})).toEqual({ ok: false, detail: 'hostname inside is vm, not abababababab' });
    dockerRun(ctx).name = 'Brave-Curie';
    expect(containerNamed.run(ctx, {}).ok).toBe(false);
  });

  it('rootless: enters the container\'s user namespace first', () => {
    const ctx = lab(new RecordingSys().answer(['nsenter'], { stdout: 'abababababab\n' }));
    ctx.rootless = true;
    containerNamed.run(ctx, {});
    expect(programs(ctx)[0]).toEqual(['nsenter', '--target', '1000', '--user', '--preserve-credentials', '--uts', '--', 'hostname']);
  });
});

describe('volume-mounted', () => {
  const inside = `70 69 254:0 ${S}/volume ${MERGED}/data rw,relatime - ext4 /dev/vda rw\n`;
  const host = '45 44 254:0 / / rw,relatime - ext4 /dev/vda rw\n';

  it('passes when the mount is in the container\'s mountinfo only, on the host directory', () => {
    const ctx = lab(new RecordingSys({ files: { '/proc/1000/mountinfo': inside, '/proc/self/mountinfo': host }, dirs: [`/proc/1000/root${MERGED}/data`, `${S}/volume`] }));
    expect(volumeMounted.run(ctx, {})).toEqual({ ok: true, detail: `${MERGED}/data in the container's mountinfo (root ${S}/volume), not in the host's; same dev:ino as ${S}/volume` });
  });

  it('fails when the container has no such mount, or the host sees it too', () => {
    expect(volumeMounted.run(lab(new RecordingSys({ files: { '/proc/1000/mountinfo': host, '/proc/self/mountinfo': host } })), {}))
      .toEqual({ ok: false, detail: `${MERGED}/data is not a mount point in the container's mountinfo` });
    expect(volumeMounted.run(lab(new RecordingSys({ files: { '/proc/1000/mountinfo': inside, '/proc/self/mountinfo': host + inside } })), {}))
      .toEqual({ ok: false, detail: `the host sees the mount on ${MERGED}/data too` });
  });

  it('fails before the volume exists', () => {
    const ctx = fakeLab();
    dockerRun(ctx);
    expect(volumeMounted.run(ctx, {})).toEqual({ ok: false, detail: 'no volume yet' });
  });
});

describe('volume-shows', () => {
  const INSIDE = `/proc/1000/root${MERGED}`;

  it('passes when the host file and the file read inside the container\'s root both hold the text', () => {
    const sys = new RecordingSys({ files: { [`${S}/volume/a.txt`]: 'written inside\n', [`${INSIDE}/data/a.txt`]: 'written inside\n' } });
    const ctx = lab(sys);
    expect(volumeShows.run(ctx, { file: 'a.txt', text: 'written inside' }).ok).toBe(true);
    expect(programs(ctx)).toEqual([]);
  });

  it('fails when the container side does not hold it', () => {
    const sys = new RecordingSys({ files: { [`${S}/volume/a.txt`]: 'written inside\n', [`${INSIDE}/data/a.txt`]: '' } });
    expect(volumeShows.run(lab(sys), { file: 'a.txt', text: 'written inside' })).toEqual({ ok: false, detail: 'the container side /data/a.txt does not hold the text' });
  });

  it('reads a symlink the container put in the volume inside the volume, never the host file it names', () => {
    const sys = new RecordingSys({
      files: { '/etc/shadow': 'written inside', [`${S}/volume/etc/shadow`]: 'other', [`${INSIDE}/data/a.txt`]: 'written inside\n' },
      links: { [`${S}/volume/a.txt`]: '/etc/shadow' },
    });
    expect(volumeShows.run(lab(sys), { file: 'a.txt', text: 'written inside' })).toEqual({ ok: false, detail: `the host side ${S}/volume/a.txt does not hold the text` });
  });
});

function network(hostLinks: string, labLink = '7: cl-veth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 link/ether veth', hostNsOfContainer = 'net:[4026532177]') {
  const sys = new RecordingSys({ links: { '/proc/self/ns/net': 'net:[4026531833]', '/proc/5000/ns/net': 'net:[4026532242]', '/proc/1000/ns/net': hostNsOfContainer } });
  sys.answer(['ip', '-o', 'link'], { stdout: hostLinks })
    .answer(['ip', '-o', 'addr'], { stdout: '1: lo    inet 127.0.0.1/8 scope host lo\n2: eth0    inet 192.168.1.5/24\n' })
    .answer(['nsenter', '--net=/proc/5000/ns/net', 'ip', '-o', 'link'], { stdout: labLink + '\n' })
    .answer(['nsenter', '--net=/proc/1000/ns/net', 'ip', '-o', 'link'], { stdout: '8: cl-eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n' })
    .answer(['nsenter', '--net=/proc/5000/ns/net', 'ip', '-o', 'addr'], { stdout: '7: cl-veth0    inet 10.200.7.1/24 scope global cl-veth0\n' })
    .answer(['nsenter', '--net=/proc/1000/ns/net', 'ip', '-o', 'addr'], { stdout: '8: cl-eth0    inet 10.200.7.2/24 scope global cl-eth0\n' });
  return lab(sys);
}

describe('veth-in-lab-only', () => {
  it('passes with both ends UP in their namespaces and no cl- link on the host', () => {
    const ctx = network('1: lo: <LOOPBACK,UP>\n2: eth0: <UP>\n');
    expect(vethInLabOnly.run(ctx, {})).toEqual({ ok: true, detail: 'cl-veth0 in net:[4026532242], cl-eth0 in net:[4026532177], both UP; no cl- link in the host\'s net:[4026531833]' });
  });

  it('fails when the host has a cl- link, when the namespaces are not three, or an end is down', () => {
    expect(vethInLabOnly.run(network('1: lo: <LOOPBACK,UP>\n9: cl-eth0@if7: <UP>\n'), {})).toEqual({ ok: false, detail: 'the host has cl- links: cl-eth0' });
    expect(vethInLabOnly.run(network('1: lo: <UP>\n', undefined, 'net:[4026531833]'), {}).detail).toMatch(/^the namespaces are not three/);
    expect(vethInLabOnly.run(network('1: lo: <UP>\n', '7: cl-veth0@if8: <BROADCAST,MULTICAST> mtu 1500'), {}).detail).toMatch(/^not two UP veth ends/);
  });
});

describe('addresses-in-lab-only', () => {
  it('passes with .1 and .2 in the lab and none on the host', () => {
    expect(addressesInLabOnly.run(network(''), {})).toEqual({ ok: true, detail: '10.200.7.1/24 on cl-veth0 (lab), 10.200.7.2/24 on cl-eth0 (container), none on the host' });
  });

  it('fails when the host has an address of the subnet', () => {
    const ctx = network('');
    ctx.sys.programs.unshift({ match: (argv) => argv[0] === 'ip' && argv[2] === 'addr', answer: { stdout: '5: eth1    inet 10.200.7.9/24\n' } });
    expect(addressesInLabOnly.run(ctx, {})).toEqual({ ok: false, detail: 'the host has an address in 10.200.7.0/24' });
  });
});

describe('http-answers', () => {
  it('from host: a GET to the published port on 127.0.0.1 only', () => {
    const ctx = lab(new RecordingSys().answer([process.execPath], { stdout: '200\n<h1>hello from the volume</h1>\n' }));
    expect(httpAnswers.run(ctx, { from: 'host', contains: 'hello from the volume' })).toEqual({ ok: true, detail: 'GET http://127.0.0.1:40000/ (from the host) → 200, body holds "hello from the volume"' });
    const argv = programs(ctx)[0];
    expect(argv[0]).toBe(process.execPath);
    expect(argv.at(-1)).toBe('http://127.0.0.1:40000/');
  });

  it('from lab: a GET to the container\'s lab address from inside the lab namespace', () => {
    const ctx = lab(new RecordingSys().answer(['nsenter'], { stdout: '200\nhello from the volume' }));
    expect(httpAnswers.run(ctx, { from: 'lab', contains: 'hello' }).ok).toBe(true);
    const argv = programs(ctx)[0];
    expect(argv.slice(0, 3)).toEqual(['nsenter', '--net=/proc/5000/ns/net', process.execPath]);
    expect(argv.at(-1)).toBe('http://10.200.7.2:80/');
  });

  it('asks the path given, and from the lab the port given instead of the server step\'s', () => {
    const host = lab(new RecordingSys().answer([process.execPath], { stdout: '200\n<p>made by me</p>' }));
    expect(httpAnswers.run(host, { from: 'host', contains: 'made by me', path: '/mine.html' })).toEqual({ ok: true, detail: 'GET http://127.0.0.1:40000/mine.html (from the host) → 200, body holds "made by me"' });
    const inLab = lab(new RecordingSys().answer(['nsenter'], { stdout: '200\nhello' }));
    expect(httpAnswers.run(inLab, { from: 'lab', contains: 'hello', port: 8080 }).ok).toBe(true);
    expect(programs(inLab)[0].at(-1)).toBe('http://10.200.7.2:8080/');
    expect(httpAnswers.params.safeParse({ from: 'host', contains: 'x', path: '/../etc/passwd' }).success).toBe(false);
    expect(httpAnswers.params.safeParse({ from: 'host', contains: 'x', path: 'mine.html' }).success).toBe(false);
  });

  it('fails on another status, another body or a failed request; never asks an address outside the lab', () => {
    expect(httpAnswers.run(lab(new RecordingSys().answer([process.execPath], { stdout: '404\nnot found' })), { from: 'host', contains: 'hello' }))
      .toEqual({ ok: false, detail: 'GET http://127.0.0.1:40000/ → 404: not found' });
    expect(httpAnswers.run(lab(new RecordingSys().answer([process.execPath], { status: 1, stderr: 'connect ECONNREFUSED' })), { from: 'host', contains: 'hello' }))
      .toEqual({ ok: false, detail: 'GET http://127.0.0.1:40000/ failed: connect ECONNREFUSED' });
    const outside = lab(new RecordingSys().answer(['nsenter'], { stdout: '200\nhello' }));
    dockerRun(outside).network = { ...NET, containerAddr: '93.184.216.34' };
    expect(httpAnswers.run(outside, { from: 'lab', contains: 'hello' }).ok).toBe(false);
    expect(programs(outside)).toEqual([]);
  });

  it('fails before the port is published', () => {
    const ctx = lab();
    dockerRun(ctx).forwarder = undefined;
    expect(httpAnswers.run(ctx, { from: 'host', contains: 'x' })).toEqual({ ok: false, detail: 'the port is not published yet' });
  });
});
