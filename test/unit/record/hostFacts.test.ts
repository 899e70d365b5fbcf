// What a recording says of its host: the cgroup layout in the banner's words, the kernel and the version.
import { describe, expect, it } from 'vitest';
import { release } from 'node:os';
import { cgroupLayoutWords, hostFacts } from '../../../src/record/hostFacts.js';
import { packageVersion } from '../../../src/sys/packageRoot.js';

describe('hostFacts', () => {
  it('names the cgroup layout as the banner says it', () => {
    expect(cgroupLayoutWords({ mode: 'v2', systemd: true })).toBe('v2 (systemd)');
    expect(cgroupLayoutWords({ mode: 'v2', systemd: false })).toBe('v2');
    expect(cgroupLayoutWords({ mode: 'hybrid', systemd: true })).toBe('v1 hybrid');
    expect(cgroupLayoutWords({ mode: 'v1', systemd: false })).toBe('v1');
  });

  it('this host: its kernel, the date given, the package version, a cgroup layout read from /proc', () => {
    const facts = hostFacts(new Date('2025-05-01T09:30:00Z'));
    expect(facts).toMatchObject({ app: packageVersion(), date: '2025-05-01T09:30:00.000Z', kernel: release() });
    expect(facts.cgroup).toMatch(/^(v2 \(systemd\)|v2|v1 hybrid|v1|none)$/);
  });
});
