// The tests' own reading of the docker-run lesson's state: /proc, ip(8), ss(8), nsenter(1), curl(1).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { expect } from 'vitest';
import { inNamespaces, isAlive, mountinfo, nsLink, rootFieldOf, statusField } from './kernelView.js';

function sh(argv: string[]): string {
  return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10000 });
}

function ipNet(pid: number, args: string[]): string {
  return sh(['nsenter', `--net=/proc/${pid}/ns/net`, 'ip', ...args]);
}

/** Lab processes outside the container whose command line carries `marker`, children of `parent` when given. */
export function labNetProcesses(marker: RegExp, parent?: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!marker.test(cmd) || !isAlive(Number(name))) continue;
      if (parent !== undefined && Number(statusField(Number(name), 'PPid')) !== parent) continue;
      out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

const BRIDGE = /^container-lab-bridge\0/;
const FORWARDER = /--container-lab-forwarder/;

/** ` cl-` links in the host's network namespace (lab-leaks looks for the same). */
export function hostLabLinks(): string[] {
  return sh(['ip', '-o', 'link', 'show']).split('\n').filter((l) => / cl-/.test(l));
}

/** What a docker-run session may leave: the bridge and forwarder processes, cl- links on the host. */
export function dockerRunLeftovers(): string[] {
  return [
    ...labNetProcesses(BRIDGE).map((p) => `bridge process ${p}`),
    ...labNetProcesses(FORWARDER).map((p) => `forwarder ${p}`),
    ...hostLabLinks().map((l) => `link ${l}`),
  ];
}

function one(pids: number[], what: string): number {
  expect(pids, what).toHaveLength(1);
  return pids[0];
}

/** "3: cl-eth0@if4: <...>" → { index: 3, name: cl-eth0, peer: 4 } */
function linkLine(text: string): { index: number; name: string; peer: number | null; up: boolean } {
  const m = /^(\d+):\s+([^:@\s]+)(?:@if(\d+))?:\s+<([^>]*)>/.exec(text.trim());
  expect(m, text).toBeTruthy();
  return { index: Number(m![1]), name: m![2], peer: m![3] ? Number(m![3]) : null, up: m![4].split(',').includes('UP') };
}

function volumeMountPoint(b: number, sessionDir: string): string {
  const line = mountinfo(b).map((l) => l.split(' ')).find((f) => f[3] === rootFieldOf(`${sessionDir}/volume`));
  expect(line, 'the volume in the container\'s mountinfo').toBeTruthy();
  return line![4];
}

function bridgeAddr(bridge: number): string {
  const m = /inet (10\.200\.\d+)\.1\/24/.exec(ipNet(bridge, ['-o', 'addr', 'show', 'dev', 'cl-veth0']));
  expect(m, 'cl-veth0 has 10.200.n.1/24').toBeTruthy();
  return m![1];
}

export function verifyDockerRunStep(action: string, p: Record<string, any>, b: number, sessionDir: string): void {
  const helper = Number(statusField(b, 'PPid'));
  switch (action) {
    case 'name-container': {
      const inside = inNamespaces(b, ['--uts'], ['hostname']).trim();
      expect(inside, 'hostname = the id\'s first 12 hex digits').toMatch(/^[0-9a-f]{12}$/);
      break;
    }
    case 'bind-volume': {
      const point = volumeMountPoint(b, sessionDir);
      expect(point).toBe(`${sessionDir}/containers/c1/merged${p.target}`);
      expect(mountinfo('self').some((l) => l.split(' ')[4] === point), 'the host does not see the bind mount').toBe(false);
      const inside = statSync(`/proc/${b}/root${point}`);
      const host = statSync(`${sessionDir}/volume`);
      expect([inside.dev, inside.ino]).toEqual([host.dev, host.ino]);
      break;
    }
    case 'write-volume': {
      const point = volumeMountPoint(b, sessionDir);
      expect(readFileSync(`${sessionDir}/volume/${p.file}`, 'utf8')).toBe(p.text);
      expect(inNamespaces(b, ['--mount'], ['cat', `${point}/${p.file}`])).toBe(p.text);
      break;
    }
    case 'lab-network': {
      const bridge = one(labNetProcesses(BRIDGE, helper), 'one bridge process, child of the helper');
      expect(new Set([nsLink('self', 'net'), nsLink(bridge, 'net'), nsLink(b, 'net')]).size, 'three network namespaces').toBe(3);
      expect(hostLabLinks(), 'no cl- link in the host').toEqual([]);
      const lab = linkLine(ipNet(bridge, ['-o', 'link', 'show', 'cl-veth0']));
      const ctr = linkLine(ipNet(b, ['-o', 'link', 'show', 'cl-eth0']));
      expect(lab.up && ctr.up, 'both ends UP').toBe(true);
      expect([lab.peer, ctr.peer], 'each end names the other as its peer').toEqual([ctr.index, lab.index]);
      const net = bridgeAddr(bridge);
      expect(ipNet(b, ['-o', 'addr', 'show', 'dev', 'cl-eth0'])).toContain(`inet ${net}.2/24`);
      expect(sh(['ip', '-o', 'addr', 'show']), 'the host has no lab address').not.toContain(`${net}.`);
      break;
    }
    case 'start-server': {
      const bridge = one(labNetProcesses(BRIDGE, helper), 'the bridge process');
      expect(inNamespaces(b, ['--net'], ['ss', '-Hltn', `sport = :${p.port}`]).trim(), 'a listener inside').not.toBe('');
      const body = sh(['nsenter', `--net=/proc/${bridge}/ns/net`, 'curl', '-sS', '--noproxy', '*', '--max-time', '5', `http://${bridgeAddr(bridge)}.2:${p.port}/`]);
      expect(body).toBe(readFileSync(`${sessionDir}/volume/index.html`, 'utf8'));
      break;
    }
    case 'publish-port': {
      const bridge = one(labNetProcesses(BRIDGE, helper), 'the bridge process');
      const fwd = one(labNetProcesses(FORWARDER, helper), 'one forwarder, child of the helper');
      expect(nsLink(fwd, 'net'), 'the forwarder moved into the lab namespace').toBe(nsLink(bridge, 'net'));
      const line = sh(['ss', '-Hltnp']).split('\n').find((l) => l.includes(`pid=${fwd},`));
      expect(line, 'the forwarder listens in the host namespace').toBeTruthy();
      const m = /\s127\.0\.0\.1:(\d+)\s/.exec(line!);
      expect(m, `on host loopback only: ${line}`).toBeTruthy();
      const body = sh(['curl', '-sS', '--noproxy', '*', '--max-time', '5', `http://127.0.0.1:${m![1]}/`]);
      expect(body).toBe(readFileSync(`${sessionDir}/volume/index.html`, 'utf8'));
      expect(hostLabLinks()).toEqual([]);
      break;
    }
    case 'run-image-cmd':
      break; // the lesson's output check reads what it printed
    default:
      throw new Error(`no docker-run verification for ${action}`);
  }
}
