// The warm spare container process: idle at nice 19 while it warms, every thread back at nice 0 once a session takes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { programs } from '../../../src/sys/paths.js';
import { stopBuilder, stopSpare, takeBuilder, type BuilderHandle } from '../../../src/helper/builderProcess.js';
import { ensureBuilt } from '../../support/built.js';

beforeAll(() => ensureBuilt(programs.builder), 180_000);

/** The nice value of every thread of `pid`, read from /proc/<pid>/task/<tid>/stat (proc(5): field 19). */
function threadNice(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** This process's children running the built container process. */
function builderChildren(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      try {
        const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
        return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--container-lab-builder');
      } catch {
        return false;
      }
    });
}

const taken: BuilderHandle[] = [];
afterAll(async () => {
  await stopSpare();
  await Promise.all(taken.map((b) => stopBuilder(b)));
});

const isRoot = process.geteuid?.() === 0;

describe.skipIf(!isRoot)('the spare container process (root)', () => {
  it('warms at nice 19 and runs at nice 0 in every thread once taken', async () => {
    const first = takeBuilder(false);
    taken.push(first);
    expect(threadNice(first.pid).every((n) => n === 0)).toBe(true);
    // the spare starts 100 ms after a builder is handed out
    let spares: number[] = [];
    for (let i = 0; i < 100 && spares.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      spares = builderChildren().filter((pid) => pid !== first.pid);
    }
    expect(spares).toHaveLength(1);
    // node makes its threads (V8's platform workers, libuv's) after nice(1) execs it: slower on a busy machine
    let warming = threadNice(spares[0]);
    for (let i = 0; i < 250 && warming.length <= 1; i++) {
      await new Promise((r) => setTimeout(r, 20));
      warming = threadNice(spares[0]);
    }
    expect(warming.length).toBeGreaterThan(1);
    expect(warming.every((n) => n === 19)).toBe(true);

    const second = takeBuilder(false);
    taken.push(second);
    expect(second.pid).toBe(spares[0]);
    expect(threadNice(second.pid).every((n) => n === 0)).toBe(true);
    // it answers as any builder does
    await expect(second.rpc.call('identity')).resolves.toMatchObject({ release: expect.any(String) });
  }, 20_000);
});
