// Unit tests for writing a step's action on one line.
import { describe, expect, it } from 'vitest';
import { describeAction } from '../../../src/format/action.js';

describe('describeAction', () => {
  it('describes an action with its parameters', () => {
    expect(describeAction({ name: 'unshare', params: { namespaces: ['uts', 'pid'] } })).toBe('unshare namespaces=uts,pid');
    expect(describeAction({ name: 'run', params: { command: 'uname -r', where: 'container' } })).toBe(
      'run command="uname -r" where=container',
    );
    expect(describeAction({ name: 'start-init', params: {} })).toBe('start-init');
  });
});
