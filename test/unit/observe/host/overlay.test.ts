// overlayfs: registered, a module the first mount loads, or missing — told apart on fixture hosts.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { overlayState } from '../../../../src/observe/host/overlay.js';
import { fixtureHost } from '../../../support/fixtureOwners.js';

const tree = (name: string) => fixtureHost(join(import.meta.dirname, '../../../fixtures/host-probe', name));

describe('overlayState', () => {
  it('loaded when /proc/filesystems lists it', () => {
    expect(overlayState(tree('userns-clone-0'), 'any')).toBe('loaded');
  });

  it('a module not loaded yet when only modules.dep of the running release has overlay.ko', () => {
    expect(overlayState(tree('apparmor-userns'), '6.8.0-31-generic')).toBe('module');
    expect(overlayState(tree('apparmor-userns'), '6.8.0-99-other'), 'another release\'s modules do not count').toBe('missing');
  });

  it('built in when modules.builtin lists it', () => {
    expect(overlayState(tree('selinux-enforcing'), '6.11.4-test')).toBe('loaded');
  });

  it('missing when neither lists it', () => {
    expect(overlayState(tree('max-userns-0'), '5.14.0-test')).toBe('missing');
  });
});
