// "did you mean": the nearest known word to a typo, and nothing when nothing is near.
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/format/didYouMean.js';

const words = ['just-a-process', 'namespaces', 'cgroups', 'layers', 'changing-root', 'by-hand', 'runc-alone', 'shim', 'list', 'run', 'doctor', 'image', 'help', 'version'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps', () => {
    expect(editDistance('nmespaces', 'namespaces')).toBe(1);
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('cgruops', 'cgroups')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('didYouMean', () => {
  it('suggests the nearest lesson or command', () => {
    expect(didYouMean('nmespaces', words)).toBe('namespaces');
    expect(didYouMean('Namespaces', words)).toBe('namespaces');
    expect(didYouMean('lsit', words)).toBe('list');
    expect(didYouMean('doctr', words)).toBe('doctor');
    expect(didYouMean('cgroup', words)).toBe('cgroups');
    expect(didYouMean('runc-alon', words)).toBe('runc-alone');
  });

  it('takes a unique prefix of three letters or more', () => {
    expect(didYouMean('chang', words)).toBe('changing-root');
    expect(didYouMean('ju', words)).toBeNull();
  });

  it('says nothing when nothing is close', () => {
    expect(didYouMean('xyzzy', words)).toBeNull();
    expect(didYouMean('kubernetes', words)).toBeNull();
    expect(didYouMean('a', words), 'one letter is not a lesson').toBeNull();
  });
});
