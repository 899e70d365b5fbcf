// Capability names: placeholders filled from the step's params, conditions decided by them.
import { describe, expect, it } from 'vitest';
import { canProvide, expandCapabilities } from '../../../src/steps/capabilities.js';

describe('expandCapabilities', () => {
  it('fills a placeholder, once per element of a list', () => {
    expect(expandCapabilities(['own {namespaces} namespace'], { namespaces: ['uts', 'mnt'] })).toEqual(['own uts namespace', 'own mnt namespace']);
    expect(expandCapabilities(['overlay {container}'], { container: 'c2' })).toEqual(['overlay c2']);
  });

  it('keeps a conditional entry only when its condition holds', () => {
    const needs = ['docker daemon', 'API proxy if via=proxy', 'runc container if op!=create'];
    expect(expandCapabilities(needs, { via: 'proxy', op: 'create' })).toEqual(['docker daemon', 'API proxy']);
    expect(expandCapabilities(needs, { via: 'socket', op: 'start' })).toEqual(['docker daemon', 'runc container']);
    expect(expandCapabilities(['docker daemon if docker=true'], { docker: false })).toEqual([]);
  });

  it('is empty without a list', () => {
    expect(expandCapabilities(undefined, {})).toEqual([]);
  });
});

describe('canProvide', () => {
  it('matches a template against a capability', () => {
    expect(canProvide(['overlay {container}'], 'overlay c1')).toBe(true);
    expect(canProvide(['own {namespaces} namespace'], 'own mnt namespace')).toBe(true);
    expect(canProvide(['docker daemon if docker=true'], 'docker daemon')).toBe(true);
    expect(canProvide(['overlay {container}'], 'lab cgroup')).toBe(false);
  });
});
