// Every action says what it does to the host, and the untrusted rules: host commands refused, the rest listed.
import { describe, expect, it } from 'vitest';
import { actionDefinitions } from '../../../src/actions/index.js';
import { vocabulary } from '../../../src/vocabulary/describe.js';
import { hostEffects, untrustedProblems } from '../../../src/vocabulary/trust.js';
import type { StepSpec } from '../../../src/types.js';

const step = (title: string, name: string, params: Record<string, unknown>, line = 10): StepSpec => ({ title, slide: '', notes: '', action: { name, params }, checks: [], tasks: [], line });

describe('host-side effects in the vocabulary', () => {
  it('every action definition declares its effect on the host and its rule for untrusted lessons', () => {
    const missing = actionDefinitions.filter((d) => {
      const host = (d as { host?: { effect?: unknown; untrusted?: unknown } }).host;
      const effects = typeof host?.effect === 'string' ? [host.effect] : Array.isArray(host?.effect) ? host.effect : [];
      const rule = host?.untrusted === 'allowed' || (typeof host?.untrusted === 'object' && typeof (host.untrusted as { refused?: unknown }).refused === 'string');
      return effects.length === 0 || effects.some((e) => typeof e !== 'string' || e.length < 15) || !rule;
    });
    expect(missing.map((d) => d.name)).toEqual([]);
  });

  it('the vocabulary shows both for every action', () => {
    for (const a of vocabulary().actions) {
      expect(a.host.length, a.name).toBeGreaterThan(0);
      expect(a.untrusted, a.name).toMatch(/^(allowed|refused)/);
    }
  });

  it('refuses every action that runs a command of the lesson\'s choice as full root, and only those', () => {
    const refused = vocabulary().actions.filter((a) => a.untrusted.startsWith('refused')).map((a) => a.name);
    expect(refused.sort()).toEqual(['exec-in-container', 'exec-init', 'nsenter-container', 'run', 'run-in-root']);
  });

  it('names each refused step on its heading line, with the condition that makes it refused', () => {
    const steps = [
      step('Host', 'run', { command: 'id', where: 'host' }, 12),
      step('Inside', 'run', { command: 'id', where: 'container' }, 20),
      step('Name', 'sethostname', { name: 'x' }, 30),
      step('Shell', 'exec-init', { command: ['/bin/sh'] }, 40),
      step('Other', 'exec-init', { command: ['/bin/busybox', 'sh'] }, 50),
    ];
    const problems = untrustedProblems(steps, '--lessons /x');
    expect(problems.map((p) => p.line)).toEqual([12, 20, 50]);
    expect(problems[2].message).toMatch(/^step "Other": exec-init with command other than \/bin\/sh is refused in a lesson from --lessons \/x: /);
  });

  it('lists each step\'s effects with its parameters', () => {
    expect(hostEffects([step('Daemons', 'start-daemons', { docker: false }), step('Docker', 'docker', { args: ['ps', '-a'], via: 'socket', status: 0 })])).toEqual([
      { step: 'Daemons', effects: [expect.stringMatching(/^starts a private containerd as root/)] },
      { step: 'Docker', effects: [expect.stringMatching(/^runs `docker ps -a` as root against the lab's dockerd/)] },
    ]);
  });
});
