// parseNsLink on real ns link texts.
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNsLink } from '../../../src/observe/parse/nsLink.js';
import { H, HYBRID } from './fixtures.js';

describe('parseNsLink', () => {
  it('parses the captured links', () => {
    const link = (pid: number, t: string) => readlinkSync(join(HYBRID, 'proc', String(pid), 'ns', t));
    expect(parseNsLink(link(H.shell, 'uts'))).toEqual({ type: 'uts', inode: 4026531838 });
    expect(parseNsLink(link(H.container, 'pid'))).toEqual({ type: 'pid', inode: 4026532179 });
    expect(parseNsLink(link(H.container, 'user'))).toEqual({ type: 'user', inode: 4026532176 });
    // pid_for_children's target names the "pid" type
    expect(parseNsLink(link(H.unshare, 'pid_for_children'))).toEqual({ type: 'pid', inode: 4026532179 });
  });

  it('rejects anything else', () => {
    expect(parseNsLink('uts:4026531838')).toBeNull();
    expect(parseNsLink('foo:[1]')).toBeNull();
    expect(parseNsLink('')).toBeNull();
    expect(parseNsLink('/proc/self/ns/uts')).toBeNull();
  });
});
