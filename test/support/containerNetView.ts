// The tests' own reading of the containers-on-a-network lesson: /proc, sysfs mounted in the
// container's namespace, ip(8) and nft(8) through nsenter, curl(1). Never through app code.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { nsLink } from './kernelView.js';
import { labNetProcesses } from './dockerRunView.js';

function sh(argv: string[], input?: string): string {
  return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10000, input });
}

export function inNet(pid: number, argv: string[]): string {
  return sh(['nsenter', `--net=/proc/${pid}/ns/net`, '--', ...argv]);
}

/** The lab's holder process with this argv0 (container-lab-net, container-lab-net-c1…), a child of the helper. */
export function holder(argv0: string, helper?: number): number {
  const pids = labNetProcesses(new RegExp(`^${argv0}\\0`), helper);
  expect(pids, argv0).toHaveLength(1);
  return pids[0];
}

/** What a session of this lesson may leave: its holders and probes, cl- links on the host. */
export function containerNetLeftovers(): string[] {
  return [
    ...labNetProcesses(/^container-lab-net(-\w+)?\0/).map((p) => `namespace holder ${p}`),
    ...labNetProcesses(/--container-lab-net\0/).map((p) => `netProbe ${p}`),
    ...sh(['ip', '-o', 'link', 'show']).split('\n').filter((l) => / cl-/.test(l)).map((l) => `link ${l}`),
  ];
}

/** The host's nftables ruleset, as nft lists it. */
export function hostRuleset(): string {
  return sh(['nft', 'list', 'ruleset']);
}

/**
 * An interface's statistics as sysfs shows them inside a network namespace: a new mount
 * namespace (unshare --mount, private) with a sysfs mounted there, which belongs to the
 * network namespace of its mounter.
 */
export function sysfsCounters(pid: number, iface: string): { rx: number; tx: number } {
  const out = sh(['nsenter', `--net=/proc/${pid}/ns/net`, '--', 'unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c',
    `mount -t sysfs sysfs /sys && cat /sys/class/net/${iface}/statistics/rx_packets /sys/class/net/${iface}/statistics/tx_packets`]);
  const [rx, tx] = out.trim().split('\n').map(Number);
  return { rx, tx };
}

function snmpIcmp(pid: number): Record<string, number> {
  const rows = readFileSync(`/proc/${pid}/net/snmp`, 'utf8').split('\n').filter((l) => l.startsWith('Icmp:'));
  const names = rows[0].split(/\s+/);
  const values = rows[1].split(/\s+/).map(Number);
  return Object.fromEntries(names.map((n, i) => [n, values[i]]));
}

/** A TCP socket in LISTEN on addr:port in the network namespace of pid (proc(5) /proc/<pid>/net/tcp). */
function listens(pid: number, addr: string, port: number): boolean {
  const hex = addr.split('.').reverse().map((o) => Number(o).toString(16).padStart(2, '0')).join('').toUpperCase()
    + ':' + port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync(`/proc/${pid}/net/tcp`, 'utf8').split('\n').some((l) => {
    const f = l.trim().split(/\s+/);
    return f[1] === hex && f[3] === '0A';
  });
}

function curl(pid: number, url: string): { code: number; body: string } {
  const r = spawnSync('nsenter', [`--net=/proc/${pid}/ns/net`, '--', 'curl', '-s', '-m', '4', url], { encoding: 'utf8' });
  return { code: r.status ?? -1, body: r.stdout };
}

function subnetOf(lab: number): string {
  const m = /inet (10\.201\.\d+)\.1\/24/.exec(inNet(lab, ['ip', '-o', 'addr', 'show', 'dev', 'cl-br0']));
  expect(m, 'cl-br0 has 10.201.n.1/24').toBeTruthy();
  return m![1];
}

const HOST_PART: Record<string, number> = { c1: 2, c2: 3 };
let rulesAtStart: string | null = null;

/** Call before the lesson's first step: every step, and the end, compare the host's ruleset with this. */
export function rememberHostRuleset(): void {
  rulesAtStart = hostRuleset();
}

export function expectHostRulesetUnchanged(): void {
  expect(rulesAtStart, 'rememberHostRuleset() ran before the lesson').not.toBeNull();
  expect(hostRuleset(), 'the host\'s nftables ruleset is unchanged').toBe(rulesAtStart);
}

export function verifyContainerNetStep(action: string, p: Record<string, any>, builder: number, helper: number): void {
  /** c1 is the lab's container process; the others hold a namespace of their own */
  const container = (name: string) => (name === 'c1' ? builder : holder(`container-lab-net-${name}`, helper));
  expectHostRulesetUnchanged();
  expect(sh(['ip', '-o', 'addr', 'show']), 'no 10.201 address on the host').not.toMatch(/inet 10\.201\./);
  expect(sh(['ip', '-o', 'link', 'show']), 'no cl- link on the host').not.toMatch(/^\d+: cl-/m);
  const lab = holder('container-lab-net', helper);
  expect(nsLink(lab, 'net')).not.toBe(nsLink('self', 'net'));
  const subnet = subnetOf(lab);
  const addrOf = (name: string) => `${subnet}.${HOST_PART[name]}`;
  switch (action) {
    case 'net-bridge':
      expect(inNet(lab, ['ip', '-d', '-o', 'link', 'show', 'cl-br0'])).toMatch(/<[^>]*\bUP\b[^>]*>[\s\S]*\bbridge\b/);
      break;
    case 'net-container': {
      const c = container(p.name);
      expect(nsLink(c, 'net')).not.toBe(nsLink(lab, 'net'));
      const eth0 = inNet(c, ['ip', '-o', 'addr', 'show', 'dev', 'eth0']);
      expect(eth0).toContain(`inet ${addrOf(p.name)}/24`);
      const peer = /eth0@if(\d+)/.exec(inNet(c, ['ip', '-o', 'link', 'show', 'dev', 'eth0']));
      expect(peer, 'eth0 is one end of a veth pair').toBeTruthy();
      const port = inNet(lab, ['ip', '-o', 'link', 'show', 'dev', `cl-${p.name}`]);
      expect(port.startsWith(`${peer![1]}:`), 'its peer is the lab\'s cl-<name>').toBe(true);
      expect(port).toMatch(/master cl-br0/);
      break;
    }
    case 'net-ping': {
      const from = container(p.from);
      const to = container(p.to);
      const count = p.count ?? 3;
      expect(snmpIcmp(from).InEchoReps, `${p.from} got the echo replies`).toBeGreaterThanOrEqual(count);
      expect(snmpIcmp(to).InEchos, `${p.to} got the echo requests`).toBeGreaterThanOrEqual(count);
      expect(sysfsCounters(from, 'eth0').tx).toBeGreaterThanOrEqual(count);
      expect(sysfsCounters(to, 'eth0').rx).toBeGreaterThanOrEqual(count);
      expect(sysfsCounters(lab, `cl-${p.to}`).tx, 'the bridge sent them out of the other port').toBeGreaterThanOrEqual(count);
      break;
    }
    case 'net-serve': {
      const c = container(p.in);
      const addr = p.on === 'eth0' ? addrOf(p.in) : '127.0.0.1';
      expect(listens(c, addr, p.port), `${addr}:${p.port} listens in ${p.in}`).toBe(true);
      const from = p.on === 'eth0' ? lab : c;
      expect(curl(from, `http://${addr}:${p.port}/`).body).toContain(`hello from ${p.in}`);
      break;
    }
    case 'net-dnat': {
      const rules = JSON.parse(inNet(lab, ['nft', '-j', 'list', 'ruleset'])).nftables as Record<string, any>[];
      const dnat = rules.filter((r) => r.rule).flatMap((r) => r.rule.expr).find((e: Record<string, any>) => e.dnat);
      expect(dnat?.dnat, 'a dnat statement in the lab namespace').toMatchObject({ addr: addrOf(p.to), port: p.toPort ?? 80 });
      expect(rules.some((r) => r.table?.name === 'container-lab')).toBe(true);
      expect(curl(lab, `http://${subnet}.1:${p.port ?? 8080}/`).body).toContain(`hello from ${p.to}`);
      break;
    }
    case 'net-connect': {
      const conntrack = readFileSync(`/proc/${lab}/net/nf_conntrack`, 'utf8').split('\n');
      if (p.expect === 'refused') {
        expect(curl(lab, `http://127.0.0.1:${p.port}/`).code, 'curl: connection refused (7)').toBe(7);
      } else {
        const live = conntrack.filter((l) => l.includes('ESTABLISHED') && new RegExp(` dport=${p.port} `).test(l));
        expect(live.length, `an ESTABLISHED conntrack entry to port ${p.port}`).toBeGreaterThan(0);
      }
      break;
    }
    case 'net-userland-proxy':
      expect(listens(lab, '127.0.0.1', 8080), 'the proxy listens on 127.0.0.1:8080 in the lab namespace').toBe(true);
      expect(curl(lab, 'http://127.0.0.1:8080/').body).toContain('hello from c1');
      break;
    case 'net-join': {
      const side = holder('container-lab-net-side', helper);
      expect(nsLink(side, 'net')).toBe(nsLink(container(p.of), 'net'));
      break;
    }
    default:
      throw new Error(`no verification for ${action}`);
  }
}
