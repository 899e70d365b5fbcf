// The scan's handling of ESRCH, which only a real race produces: node:fs is wrapped to inject it.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { H, HYBRID } from './fixtures.js';

const fail = vi.hoisted(() => ({ path: '', code: '' }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    if (String(path) === fail.path) throw Object.assign(new Error(`${fail.code}: injected, read '${fail.path}'`), { code: fail.code });
    return (real.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof real.readFileSync;
  return { ...real, readFileSync, default: { ...real, readFileSync } };
});

const { listChildren, readProcess, ProcessGoneError } = await import('../../../src/observe/sample.js');

describe('a process reaped while being read', () => {
  it('ESRCH on a status file during the scan skips that process', () => {
    Object.assign(fail, { path: join(HYBRID, `proc/${H.unmapped}/status`), code: 'ESRCH' });
    expect(listChildren(HYBRID, H.shell)).toEqual([6766]);
  });

  it('ESRCH in readProcess is ProcessGoneError; EIO is not', () => {
    Object.assign(fail, { path: join(HYBRID, `proc/${H.container}/cmdline`), code: 'ESRCH' });
    expect(() => readProcess(HYBRID, H.container)).toThrow(ProcessGoneError);
    Object.assign(fail, { code: 'EIO' });
    expect(() => readProcess(HYBRID, H.container)).toThrow(/cannot read .*cmdline: EIO/);
    expect(() => readProcess(HYBRID, H.container)).not.toThrow(ProcessGoneError);
  });
});
