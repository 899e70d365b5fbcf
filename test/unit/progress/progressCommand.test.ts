// `container-lab progress` as the bin runs it (dist/app/main.js, after npm run build): lines, --json, and --reset refusing without a terminal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { progressLines, runProgress } from '../../../src/progress/progressCommand.js';
import { makeLesson, namespaceSteps } from '../../ui/fakeSession.js';
import type { TaskSpec } from '../../../src/types.js';

const BIN = fileURLToPath(new URL('../../../dist/app/main.js', import.meta.url));
/** the package's lessons, counted from their files (NN-id.md): the command prints one line each */
const SHIPPED = readdirSync(fileURLToPath(new URL('../../../lessons/', import.meta.url))).filter((n) => /^\d\d-.*\.md$/.test(n)).length;

let state: string;
let file: string;
beforeEach(() => {
  state = mkdtempSync(join(tmpdir(), 'progress-command-test-'));
  file = join(state, 'container-lab', 'progress.json');
});
afterEach(() => rmSync(state, { recursive: true, force: true }));

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_STATE_HOME: state, NO_COLOR: '1', TZ: 'UTC' };
  for (const name of ['SUDO_UID', 'SUDO_GID', 'SUDO_USER', 'CONTAINER_LAB_LESSONS']) delete env[name];
  // stdin is a pipe: no terminal
  return spawnSync(process.execPath, [BIN, 'progress', ...args], { env, encoding: 'utf8', input: '' });
}

const LAST = '2026-12-07T11:30:00.000Z';
function saveProgress(): void {
  mkdirSync(join(state, 'container-lab'), { recursive: true });
  const record = { opened: '2026-12-06T09:00:00.000Z', last: LAST, stepsReached: 5, steps: 16, tasksSolved: {}, hintsUsed: {} };
  writeFileSync(file, JSON.stringify({ format: 1, lessons: { namespaces: record } }));
}

describe('progressLines', () => {
  it('a lesson opened shows steps reached of its steps and when; the others are not started', () => {
    const lessons = [makeLesson('namespaces', 2, 'Namespaces', namespaceSteps()), makeLesson('cgroups', 3, 'cgroups', namespaceSteps())];
    const total = lessons[0].steps.length;
    const lines = progressLines(lessons, { format: 1, lessons: { namespaces: { opened: LAST, last: LAST, stepsReached: 2, steps: total, tasksSolved: {}, hintsUsed: {} } } });
    expect(lines[0]).toMatch(new RegExp(`^ 2  Namespaces  2/${total} steps, last opened 2026-12-\\d\\d \\d\\d:\\d\\d$`));
    expect(lines[1]).toBe(' 3  cgroups     not started');
  });

  it('an opened lesson lists its tasks: solved with when, hints used, and a task the file names that the lesson lost', () => {
    const steps = namespaceSteps();
    const lesson = makeLesson('namespaces', 2, 'Namespaces', steps);
    const spec = (id: string, title: string): TaskSpec => ({ id, title, text: title, use: ['shell'], hints: [], checks: [], line: 1 });
    lesson.steps[0].tasks = [spec('hostname-mine', 'A hostname of your own')];
    lesson.steps[1].tasks = [spec('private-mount', 'A mount the host cannot see')];
    const record = { opened: LAST, last: LAST, stepsReached: 2, steps: lesson.steps.length, tasksSolved: { 'hostname-mine': '2026-12-07T11:10:00.000Z', 'old-task': LAST }, hintsUsed: { 'hostname-mine': 1, 'private-mount': 2 } };
    const lines = progressLines([lesson], { format: 1, lessons: { namespaces: record } });
    expect(lines[0]).toMatch(/^ 2  Namespaces  2\/\d+ steps, 1 of 2 tasks solved, last opened /);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^      ✓ A hostname of your own \(hostname-mine\)  solved 2026-12-07 \d\d:10, 1 hint$/),
      '      · A mount the host cannot see (private-mount)  not solved, 2 hints',
      expect.stringMatching(/^      ✓ old-task  solved 2026-12-07 \d\d:30$/),
    ]);
  });
});

describe('container-lab progress', () => {
  it('prints every shipped lesson: the one opened with its steps, the rest not started', () => {
    saveProgress();
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const all = result.stdout.trimEnd().split('\n');
    // one line per lesson; an opened lesson's tasks are listed under it, indented
    const lines = all.filter((l) => /^ ?\d+ {2}/.test(l));
    expect(lines).toHaveLength(SHIPPED);
    expect(lines[1]).toMatch(/^ 2  Namespaces\s+5\/16 steps, (0 of \d+ tasks solved, )?last opened 2026-12-07 11:30$/);
    expect(all.slice(2, all.indexOf(lines[2])).every((l) => l.startsWith('      '))).toBe(true);
    expect(lines[0]).toMatch(/^ 1  A container is just a process\s+not started$/);
    expect(lines.filter((l) => l.endsWith('not started'))).toHaveLength(SHIPPED - 1);
  });

  it('tasks solved and hints used print under their lesson; --json holds them as stored', () => {
    mkdirSync(join(state, 'container-lab'), { recursive: true });
    const record = { opened: LAST, last: LAST, stepsReached: 5, steps: 16, tasksSolved: { 'a-lost-task': LAST }, hintsUsed: { 'a-lost-task': 3 } };
    writeFileSync(file, JSON.stringify({ format: 1, lessons: { namespaces: record } }));
    const lines = run().stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith(' 2  Namespaces'));
    expect(lines[at]).toMatch(/5\/16 steps, (0 of \d+ tasks|1 task) solved, last opened 2026-12-07 11:30$/);
    expect(lines).toContain('      ✓ a-lost-task  solved 2026-12-07 11:30, 3 hints');
    expect(JSON.parse(run('--json').stdout).progress.lessons.namespaces).toEqual(record);
  });

  it('--json: the store as it is, with the lessons\' titles', () => {
    saveProgress();
    const result = run('--json');
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.file).toBe(file);
    expect(doc.progress).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    expect(doc.lessons).toHaveLength(SHIPPED);
    expect(doc.lessons[1]).toEqual({ id: 'namespaces', order: 2, title: 'Namespaces', steps: 16, tasks: expect.any(Array) });
  });

  it('a corrupt file: one line on stderr, kept aside, and the lessons print as not started', () => {
    mkdirSync(join(state, 'container-lab'), { recursive: true });
    writeFileSync(file, 'not json');
    const result = run();
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^container-lab: the progress file could not be read \(not JSON\); it is kept as progress\.json\.corrupt-\d{8}T\d{9}Z and progress starts afresh\n$/);
    expect(result.stdout.trimEnd().split('\n').every((l) => l.endsWith('not started'))).toBe(true);
  });

  it('--reset without a terminal refuses in one line and keeps the file', () => {
    saveProgress();
    const result = run('--reset');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('container-lab: progress --reset asks first; it needs a terminal\n');
    expect(existsSync(file)).toBe(true);
  });
});

describe('progress --reset on a terminal', () => {
  async function reset(answer: string) {
    const asked: string[] = [];
    const out: string[] = [];
    const code = await runProgress([], { json: false, reset: true }, { out: (l) => out.push(l), err: (l) => out.push(`err: ${l}`), ask: async (q) => (asked.push(q), answer) }, file);
    return { code, asked, out };
  }

  it('asks how many lessons it clears; y removes the file', async () => {
    saveProgress();
    const { code, asked, out } = await reset('y');
    expect(asked).toEqual(['Clear your progress (1 lesson)? [y/N] ']);
    expect([code, out]).toEqual([0, [`progress cleared (${file} removed)`]]);
    expect(existsSync(file)).toBe(false);
  });

  it('anything else (Enter too) keeps it', async () => {
    saveProgress();
    for (const answer of ['', 'n', 'yy']) {
      expect((await reset(answer)).out).toEqual(['progress kept']);
      expect(existsSync(file)).toBe(true);
    }
  });
});
