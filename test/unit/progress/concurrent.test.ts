// Two apps writing at once (separate processes, the built store in dist/src): the file is always whole, and each one's last record is there or overwritten, never torn.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { progressSchema } from '../../../src/progress/schema.js';

const STORE = fileURLToPath(new URL('../../../dist/src/progress/store.js', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'progress-concurrent-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** a process that records `lesson` `times` times, its step count going up, reading the file whole after each write */
function writer(file: string, lesson: string, times: number): Promise<string> {
  const script = `
    const { recordSeen, readProgress } = await import(${JSON.stringify(STORE)});
    const loc = { file: ${JSON.stringify(file)}, owner: null };
    for (let i = 1; i <= ${times}; i++) {
      const message = recordSeen(loc, ${JSON.stringify(lesson)}, { at: new Date().toISOString(), stepsReached: i, steps: ${times} });
      if (message) throw new Error(message);
      if (readProgress(loc.file).message) throw new Error('torn');
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(err) : reject(new Error(`writer ${lesson} exited ${code}: ${err}`))));
  });
}

describe('two writers at once', () => {
  it('never leave a file that does not parse, nor a temporary file', async () => {
    const file = join(dir, 'container-lab', 'progress.json');
    await Promise.all([writer(file, 'namespaces', 60), writer(file, 'cgroups', 60)]);
    const progress = progressSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    // the last write of whichever finished last holds its lesson at 60; the other's is there unless overwritten by a merge that read before it
    expect(Object.values(progress.lessons).some((l) => l.stepsReached === 60)).toBe(true);
    expect(readdirSync(join(dir, 'container-lab'))).toEqual(['progress.json']);
  });
});
