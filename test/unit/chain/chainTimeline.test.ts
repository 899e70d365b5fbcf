// The timeline and the hop times of one real `docker run --rm`, from what the proc connector and the API proxy saw (fixture captured here).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { chainTimeline, hopBars, runMarks, HOPS } from '../../../src/chain/chainTimeline.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/chain/docker-run-rm.json', import.meta.url), 'utf8'));

describe('a docker run, hop by hop', () => {
  it('finds every moment, in chain order', () => {
    const m = runMarks(fixture.procs, fixture.dir, fixture.http);
    const order = ['cliStart', 'createRequest', 'createAnswered', 'startRequest', 'shimStart', 'runcCreate', 'hookStart', 'hookExit', 'runcCreateExit', 'runcStart', 'programExec', 'programExit', 'cliExit'] as const;
    for (const k of order) expect(m[k], k).toBeTypeOf('number');
    for (let i = 1; i < order.length; i++) expect(m[order[i]]!, `${order[i - 1]} before ${order[i]}`).toBeGreaterThanOrEqual(m[order[i - 1]]!);
  });

  it('gives one bar per hop, and they add up to the CLI from start to exit', () => {
    const m = runMarks(fixture.procs, fixture.dir, fixture.http);
    const bars = hopBars(m);
    // with docker's prestart hook seen, runc create is three bars, not one
    expect(bars.map((b) => b.label)).toEqual(HOPS.filter((h) => h.unless === undefined).map((h) => h.label));
    expect(bars.find((b) => b.label === 'prestart hook (dockerd)')!.ms).toBeGreaterThan(0);
    const sum = bars.reduce((n, b) => n + b.ms, 0);
    expect(sum).toBeCloseTo(m.cliExit! - m.cliStart!, 5);
  });

  it('lists the chain as it appeared: CLI, shim start, shim, runc create and its init, the program, runc start', () => {
    const t = chainTimeline(fixture.procs, fixture.dir, fixture.t0);
    const labels = t.map((e) => e.label);
    expect(labels[0]).toBe('docker run');
    const at = (label: string) => labels.indexOf(label);
    expect(at('shim start (by containerd)')).toBeGreaterThan(0);
    expect(at('containerd-shim-runc-v2')).toBeGreaterThan(at('shim start (by containerd)'));
    expect(at('runc create')).toBeGreaterThan(at('containerd-shim-runc-v2'));
    expect(at('runc init → runc:[2:INIT]')).toBeGreaterThan(at('runc create'));
    expect(at('runc start')).toBeGreaterThan(at('runc init → runc:[2:INIT]'));
    expect(labels.some((l) => l.endsWith("(the container's PID 1)"))).toBe(true);
    // runc is short-lived: it was seen to go
    expect(t.find((e) => e.label === 'runc create')?.goneAt).toBeGreaterThan(t.find((e) => e.label === 'runc create')!.at);
    for (let i = 1; i < t.length; i++) expect(t[i].at).toBeGreaterThanOrEqual(t[i - 1].at);
  });

  it('without the proxy, only the process hops are timed', () => {
    const bars = hopBars(runMarks(fixture.procs, fixture.dir, []));
    expect(bars.map((b) => b.label)).not.toContain('dockerd: create');
    expect(bars.map((b) => b.label)).toContain('runc create: ns, mounts');
  });
});

describe('a run without docker\'s hook (ctr run)', () => {
  it('times runc create as one hop', () => {
    const procs = fixture.procs.filter((p: { execs: Array<{ cmdline: string }> }) => !p.execs.some((e) => e.cmdline.startsWith('libnetwork-setkey')));
    const labels = hopBars(runMarks(procs, fixture.dir, fixture.http)).map((b) => b.label);
    expect(labels).toContain('runc create (ns, mounts)');
    expect(labels).not.toContain('prestart hook (dockerd)');
  });
});

describe('shimSocketPath', () => {
  it('is containerd 1.6\'s /run/containerd/s/<sha256 of address/namespace/id>', async () => {
    const { shimSocketPath } = await import('../../../src/chain/daemonCleanup.js');
    const shim = fixture.procs.find((p: { cmdline: string }) => /containerd-shim-runc-v2 .*-id /.test(p.cmdline));
    const path = shimSocketPath(shim.cmdline);
    const { createHash } = await import('node:crypto');
    const id = /-id (\S+)/.exec(shim.cmdline)![1];
    expect(path).toBe(`/run/containerd/s/${createHash('sha256').update(`${fixture.dir}/containerd.sock/moby/${id}`).digest('hex')}`);
    expect(shimSocketPath('/usr/bin/containerd --config x')).toBeNull();
  });
});
