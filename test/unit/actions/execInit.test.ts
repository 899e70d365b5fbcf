// exec-init: PID 1 is asked to exec; the step waits for its cmdline to change, logs the execve, publishes init.pid.
import { describe, expect, it } from 'vitest';
import { execInit } from '../../../src/actions/execInit.js';
import { containerByHand } from '../../../src/actions/containerInit.js';
import { LabError } from '../../../src/errors.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { byHandLab } from '../../support/containerByHand.js';

describe('exec-init', () => {
  it('sends the exec, waits for /proc/<pid>/cmdline, logs execve as PID 1\'s and the init.pid write as the helper\'s', async () => {
    const sys = new RecordingSys({ files: { '/proc/4001/cmdline': '/bin/sh\0' } });
    const ctx = byHandLab('pivoted', { exec: { output: ['execve(/bin/sh) next: this process becomes it, still PID 1'] } }, { sys });
    const result = await execInit.run(ctx, execInit.params.parse({}));
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: { op: 'exec', argv: ['/bin/sh'] } } }]);
    expect(containerByHand(ctx)!.execed).toBe(true);
    expect(sys.calls).toEqual([{ via: 'fs', call: 'writeFile', path: '/run/container-lab/session-test/init.pid', data: '4001\n' }]);
    expect(result.log.map((e) => [e.call, e.pid])).toEqual([['exec', undefined], ['execve', 4001], ['write', undefined]]);
    expect(result.log[1].args).toEqual(['"/bin/sh"', '["/bin/sh"]']);
    expect(result.output).toEqual(['execve(/bin/sh) next: this process becomes it, still PID 1', '/proc/4001/cmdline now reads: /bin/sh']);
  });

  it('a refused exec (not executable in its root) keeps PID 1 waiting and publishes nothing', async () => {
    const ctx = byHandLab('pivoted', { exec: new LabError('EACCES: permission denied, access \'/bin/nope\'') });
    await expect(execInit.run(ctx, { command: ['/bin/nope'] })).rejects.toThrow(/EACCES/);
    expect(containerByHand(ctx)!.execed).toBe(false);
    expect(ctx.sys.calls).toEqual([]);
  });
});
