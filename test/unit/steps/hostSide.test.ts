// Host-side effects in words: placeholders filled, conditions decided, refusals for untrusted lessons.
import { describe, expect, it } from 'vitest';
import { effectDoc, effectLines, untrustedDoc, untrustedRefusal } from '../../../src/steps/hostSide.js';
import type { HostSide } from '../../../src/steps/define.js';

const run: HostSide = {
  effect: ['runs `{command}` as root on the host if where=host', 'runs `{command}` in the container if where=container'],
  untrusted: { refused: 'a host command', if: 'where=host' },
};

describe('host side', () => {
  it('fills the parameters and keeps only the lines whose condition holds', () => {
    expect(effectLines(run, { command: ['ls', '-l', 'a b'], where: 'host' })).toEqual(['runs `ls -l "a b"` as root on the host']);
    expect(effectLines(run, { command: 'id', where: 'container' })).toEqual(['runs `id` in the container']);
  });

  it('escapes control characters a lesson puts in a parameter', () => {
    expect(effectLines(run, { command: 'x\u001b]0;owned\u0007', where: 'host' })).toEqual(['runs `x\\x1b]0;owned\\x07` as root on the host']);
  });

  it('refuses only when the condition holds; a list parameter reads as its words', () => {
    expect(untrustedRefusal(run, { where: 'host' })).toBe('a host command');
    expect(untrustedRefusal(run, { where: 'container' })).toBeNull();
    const exec: HostSide = { effect: 'execs {command}', untrusted: { refused: 'no', if: 'command!=/bin/sh' } };
    expect(untrustedRefusal(exec, { command: ['/bin/sh'] })).toBeNull();
    expect(untrustedRefusal(exec, { command: ['/bin/sh', '-c', 'x'] })).toBe('no');
    expect(untrustedRefusal({ effect: 'x', untrusted: 'allowed' }, {})).toBeNull();
  });

  it('documents every line and the rule for untrusted lessons', () => {
    expect(effectDoc(run)).toHaveLength(2);
    expect(untrustedDoc(run)).toBe('refused if where=host: a host command');
    expect(untrustedDoc({ effect: 'x', untrusted: 'allowed' })).toMatch(/^allowed/);
  });
});
