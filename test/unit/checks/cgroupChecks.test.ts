// cgroup-root-inside: the host's path of the lab cgroup is "/" inside; output-matches: the last step's stdout.
import { describe, expect, it } from 'vitest';
import { cgroupRootInside, outputMatches } from '../../../src/checks/cgroupChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const CAT = ['nsenter', '--target', '1000', '--cgroup', '--', 'cat', '/proc/1000/cgroup'];

function lab(hostView: string, insideView: string, rootless = false) {
  const ctx = fakeLab({ rootless, sys: new RecordingSys({ files: { '/proc/1000/cgroup': hostView } }) });
  ctx.sys.answer(rootless ? ['nsenter'] : CAT, { stdout: insideView });
  return ctx;
}

describe('cgroup-root-inside', () => {
  it('passes when the lab cgroup the host sees is / inside', () => {
    expect(cgroupRootInside.run(lab('0::/container-lab-test/leaf\n', '0::/\n'), {}))
      .toEqual({ ok: true, detail: 'host sees /container-lab-test/leaf; inside it is /' });
  });

  it('fails outside a lab cgroup, or without a cgroup namespace', () => {
    expect(cgroupRootInside.run(lab('0::/user.slice\n', '0::/\n'), {})).toEqual({ ok: false, detail: 'the container process is in no lab cgroup' });
    expect(cgroupRootInside.run(lab('0::/container-lab-test/leaf\n', '0::/container-lab-test/leaf\n'), {}))
      .toEqual({ ok: false, detail: 'inside shows /container-lab-test/leaf for /container-lab-test/leaf' });
  });

  it('rootless, takes whatever cgroup the container is in', () => {
    expect(cgroupRootInside.run(lab('0::/user.slice/app\n', '0::/\n', true), {}).ok).toBe(true);
  });
});

describe('output-matches', () => {
  it('matches the last step\'s stdout, line by line', () => {
    const ctx = fakeLab({ lastOutput: ['PID   USER', '    1 root'] });
    expect(outputMatches.run(ctx, { pattern: '^\\s+1 root$' }).ok).toBe(true);
    expect(outputMatches.run(ctx, { pattern: '^2 ' })).toEqual({ ok: false, detail: 'output does not match /^2 /: PID   USER\n    1 root' });
  });
});
