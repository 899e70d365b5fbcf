// Sys.start for real: a detached child, its first line, logged at its spawn, stopped by SIGKILL and reaped.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { startProgram } from '../../../src/sys/programs.js';
import { syscallLog } from '../../../native/syscallLog.js';

const node = process.execPath;

describe('startProgram', () => {
  it('reads the first line, logs the spawn as shown, and stop() ends the child', async () => {
    syscallLog.drain();
    const child = startProgram([node, '-e', 'console.log("ready 1"); console.log("more"); setInterval(() => {}, 1000)'], { pipes: true, log: ['node', 'waiter.js'] });
    expect(await child.firstLine(5000)).toBe('ready 1');
    const log = syscallLog.drain();
    expect(log.map((e) => [e.call, e.args, e.ret])).toEqual([['spawn node', ['"waiter.js"'], String(child.pid)]]);
    expect(existsSync(`/proc/${child.pid}`)).toBe(true);
    await child.stop(2000);
    expect(existsSync(`/proc/${child.pid}`)).toBe(false);
    await child.stop(); // already gone: no error
  });

  it('firstLine is null when the child ends without a line, or without pipes', async () => {
    const quiet = startProgram([node, '-e', ''], { pipes: true });
    expect(await quiet.firstLine(5000)).toBeNull();
    const deaf = startProgram([node, '-e', 'console.log("x")']);
    expect(await deaf.firstLine(100)).toBeNull();
    await deaf.stop();
  });

  it('throws when the program cannot start, after logging the failed spawn', () => {
    syscallLog.drain();
    expect(() => startProgram(['/nonexistent/container-lab-test'])).toThrow(/could not start/);
    expect(syscallLog.drain().map((e) => [e.call, e.ret])).toEqual([['spawn container-lab-test', '-1']]);
  });
});
