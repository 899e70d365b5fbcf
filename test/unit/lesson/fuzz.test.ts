// Property-based fuzzing of the lesson loader: thousands of lesson files from the real grammar, mutated.
// Reproduce a failure with FUZZ_SEED=<the seed printed> npx vitest run test/unit/lesson/fuzz.test.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLesson } from '../../../src/lesson/parseLesson.js';
import { loadLessons } from '../../../src/lesson/loadLessons.js';
import { fileLines } from '../../../src/lesson/frontMatter.js';
import { LESSON_MAX_BYTES } from '../../../src/lesson/readLessonFile.js';
import { isInert } from '../../../src/format/inert.js';
import { vocabulary, type ParamDoc } from '../../../src/vocabulary/describe.js';
import { lessonsDir } from '../../../src/sys/packageRoot.js';
import type { Lesson, LessonLoadError } from '../../../src/types.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const FILES = Number(process.env.FUZZ_FILES ?? 1000);

const vocab = vocabulary();
const REAL_LESSONS = readdirSync(lessonsDir())
  .filter((n) => n.endsWith('.md'))
  .map((n) => readFileSync(join(lessonsDir(), n), 'utf8'));

// ── values: what a hostile or careless author writes ──

const CONTROL = ['\u001b[31m', '\u001b]0;pwned\u0007', '\u001b]52;c;aGk=\u0007', '\r', '\u0000', '\u0007', '\u007f', '\u009b2J', '\u202e', '\u2066', '\b', '\u000c'];
const YAML_SPECIAL = ['*alias', '&a', '!!binary', '!!js/function', '{', '[', ']', '}', ': ', ' #', '|', '>', '---', '...', '? ', '- ', '%YAML 1.2', '"', "'", '\\', '<<: *a', '\t'];
const MD_SPECIAL = ['```', '~~~', '```action', '```notes', '## ', '# ', '> ', '- ', '* ', '1. ', '<!--', '-->', '<script>', '|a|b|', '[x](y)', '**', '`', '\\'];

const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...CONTROL, ...YAML_SPECIAL, ...MD_SPECIAL, '', ' ', 'container-lab', 'uts', 'pid', '4m', '-1', '1e309', 'NaN', 'null', '~', 'true', 'no'),
  fc.tuple(fc.constantFrom('x', 'ab ', '\u001b[0m', 'é', '漢', '{['), fc.integer({ min: 100, max: 20000 })).map(([s, n]) => s.repeat(n)),
  fc.array(fc.constantFrom(...CONTROL, 'a', ' ', 'ü'), { maxLength: 12 }).map((a) => a.join('')),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(2 ** 53, -(2 ** 31), 0, 1e308),
);

/** Nested lists and maps, sometimes very deep. */
const deep: fc.Arbitrary<unknown> = fc.integer({ min: 1, max: 400 }).chain((depth) =>
  fc.constantFrom('list', 'map').map((kind) => {
    let v: unknown = 'x';
    for (let i = 0; i < depth; i++) v = kind === 'list' ? [v] : { k: v };
    return v;
  }),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(nasty, scalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: deep },
);

// ── the grammar: front matter, steps, action blocks, checks (docs/lesson-format.md) ──

/** A value for a parameter as the vocabulary describes it: valid ones mostly, then anything. */
function paramValue(p: ParamDoc): fc.Arbitrary<unknown> {
  const choices = /one of (.*?)(?: or "(\w+)")?$/.exec(p.type);
  const words = choices ? [...choices[1].split(', ').map((w) => w.replace(/"/g, '')), ...(choices[2] ? [choices[2]] : [])] : [];
  const valid: fc.Arbitrary<unknown>[] = [];
  if (p.default !== undefined) valid.push(fc.constant(p.default));
  if (words.length) valid.push(p.type.startsWith('list') ? fc.subarray(words, { minLength: 1 }) : fc.constantFrom(...words));
  if (/^string/.test(p.type)) valid.push(fc.string({ maxLength: 12 }));
  if (/integer|number/.test(p.type)) valid.push(fc.integer({ min: 0, max: 10000 }));
  if (/true or false/.test(p.type)) valid.push(fc.boolean());
  if (/list of string/.test(p.type)) valid.push(fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }));
  return valid.length ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...valid) }, { weight: 1, arbitrary: anyValue }) : anyValue;
}

const misspell = (name: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(name.slice(0, -1)),
    fc.constant(name.toUpperCase()),
    fc.constant(name.replace(/-/g, '_')),
    fc.constant(` ${name}`),
    fc.constant(`${name}\u001b[0m`),
    nasty,
  );

/** `{ name: value }` params for a vocabulary entry, with keys dropped, added or misspelled. */
function params(list: ParamDoc[]): fc.Arbitrary<Record<string, unknown>> {
  const one = (p: ParamDoc): fc.Arbitrary<[string, unknown]> =>
    fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constant(p.name) }, { weight: 1, arbitrary: misspell(p.name) }), paramValue(p));
  const own: fc.Arbitrary<Array<[string, unknown]>> = fc
    .subarray(list)
    .chain((chosen) => (chosen.length ? fc.tuple(...chosen.map(one)) : fc.constant([])));
  const extra = fc.array(fc.tuple(nasty, anyValue), { maxLength: 1 });
  return fc.tuple(own, extra).map(([a, b]) => Object.fromEntries([...a, ...b]));
}

const entry = (kind: 'actions' | 'checks') =>
  fc.constantFrom(...vocab[kind]).chain((d) =>
    fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.constant(d.name) }, { weight: 1, arbitrary: misspell(d.name) }), params(d.params)),
  );

const check = fc.oneof(
  { weight: 8, arbitrary: entry('checks').map(([name, p]) => ({ [name]: p }) as unknown) },
  { weight: 1, arbitrary: anyValue },
);

const actionBlock: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(entry('actions'), fc.option(fc.array(check, { maxLength: 4 }), { nil: undefined }), fc.boolean()).map(([[name, p], checks, noWith]) => ({
      do: name,
      ...(noWith ? {} : { with: p }),
      ...(checks ? { check: checks } : {}),
    })),
  },
  { weight: 1, arbitrary: anyValue },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('do', 'with', 'check', 'dO', 'checks', 'notes'), anyValue, { maxKeys: 4 }) },
);

/** YAML text for a value: as the yaml library writes it (flow or block), or raw nasty text. */
function yamlText(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(value, fc.boolean()).map(([v, flow]) => safeStringify(v, flow)) },
    { weight: 1, arbitrary: fc.array(nasty, { maxLength: 5 }).map((l) => l.join('\n')) },
  );
}

function safeStringify(v: unknown, flow: boolean): string {
  try {
    return stringify(v, { defaultStringType: flow ? 'QUOTE_DOUBLE' : 'PLAIN', collectionStyle: flow ? 'flow' : 'any', lineWidth: 0 });
  } catch {
    return String(v);
  }
}

const frontMatterFields = {
  id: fc.oneof({ weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,20}$/) }, { weight: 1, arbitrary: anyValue }),
  title: fc.oneof({ weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) }, { weight: 2, arbitrary: nasty }, { weight: 1, arbitrary: anyValue }),
  summary: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), nasty, anyValue),
  privilege: fc.oneof(fc.constantFrom('root', 'rootless'), anyValue),
  order: fc.oneof(fc.integer({ min: -5, max: 50 }), anyValue),
  requires: fc.oneof(fc.subarray(['docker', 'dockerd', 'containerd', 'ctr', 'containerd-shim-runc-v2', 'runc']), anyValue),
  hostDocker: fc.oneof(fc.boolean(), anyValue),
};
const frontMatter = fc
  .oneof(fc.record(frontMatterFields), fc.record(frontMatterFields, { requiredKeys: [] }))
  .chain((fm) => fc.option(fc.tuple(nasty, anyValue), { freq: 4 }).map((extra) => (extra ? { ...fm, [extra[0]]: extra[1] } : fm)))
  .chain((fm) => yamlText(fc.constant(fm)));

const fence = fc.constantFrom('```', '````', '~~~', '``', '``` ');
const markdown = fc.array(fc.oneof(nasty, fc.lorem({ maxCount: 12 }), fc.constantFrom(...MD_SPECIAL)), { maxLength: 6 }).map((l) => l.join('\n'));

const step = fc
  .record({
    heading: fc.oneof({ weight: 6, arbitrary: fc.string({ maxLength: 30 }).map((t) => `## ${t}`) }, { weight: 1, arbitrary: fc.constantFrom('##', '## ', '###  x', '   ## x', '##\tx ##') }, { weight: 1, arbitrary: nasty.map((t) => `## ${t}`) }),
    slide: markdown,
    open: fence,
    word: fc.constantFrom('action', 'action', 'action', 'notes', 'actions', 'yaml', ''),
    yaml: yamlText(actionBlock),
    close: fc.oneof({ weight: 8, arbitrary: fence }, { weight: 1, arbitrary: fc.constant('') }),
    notes: fc.option(markdown, { nil: undefined }),
  })
  .map((s) => [s.heading, '', s.slide, '', `${s.open}${s.word}`, s.yaml, s.close, ...(s.notes !== undefined ? ['```notes', s.notes, '```'] : [])].join('\n'));

const generated = fc
  .record({
    fm: frontMatter,
    intro: markdown,
    steps: fc.array(step, { maxLength: 5 }),
    noOpen: fc.boolean(),
  })
  .map(({ fm, intro, steps, noOpen }) => [...(noOpen ? [] : ['---']), fm, '---', '', intro, '', ...steps].join('\n'));

/** A shipped lesson with lines deleted, duplicated, replaced, cut or lengthened. */
const mutatedReal = fc
  .tuple(
    fc.constantFrom(...REAL_LESSONS),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'duplicate', 'replace', 'insert', 'append', 'truncate', 'long'), nasty), { minLength: 1, maxLength: 6 }),
  )
  .map(([text, edits]) => {
    const lines = text.split('\n');
    for (const [at, op, s] of edits) {
      const i = at % lines.length;
      if (op === 'delete') lines.splice(i, 1);
      else if (op === 'duplicate') lines.splice(i, 0, lines[i]);
      else if (op === 'replace') lines[i] = s;
      else if (op === 'insert') lines.splice(i, 0, s);
      else if (op === 'append') lines[i] += s;
      else if (op === 'truncate') lines.splice(i);
      else lines[i] = (lines[i] ?? '') + 'y'.repeat(50000);
      if (lines.length === 0) lines.push('');
    }
    return lines.join('\n');
  });

const lessonFile = fc.oneof({ weight: 3, arbitrary: generated }, { weight: 3, arbitrary: mutatedReal }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) });

// ── the properties ──

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function lessonTexts(l: Lesson): string[] {
  return [l.id, l.title, l.summary, l.intro, l.file, ...l.steps.flatMap((s) => [s.title, s.slide, s.notes])];
}

/** What every rejection must be: on a line of the file, a message a person reads, nothing raw. */
function checkError(e: LessonLoadError, file: string, lineCount: number, allowLine0: boolean): void {
  expect(e.file).toBe(file);
  expect(Number.isInteger(e.line)).toBe(true);
  expect(e.line).toBeGreaterThanOrEqual(allowLine0 ? 0 : 1);
  expect(e.line).toBeLessThanOrEqual(Math.max(1, lineCount));
  expect(e.message.trim().length).toBeGreaterThan(0);
  expect(e.message).not.toMatch(/\n\s+at |\bat .*\.[jt]s:\d+|TypeError|RangeError|ReferenceError|undefined is not|Cannot read prop/);
  expect(RAW.test(e.message)).toBe(false);
}

function checkParse(text: string, file = '/lessons/fuzz.md'): boolean {
  const started = performance.now();
  const result = parseLesson(file, text);
  const ms = performance.now() - started;
  expect(ms, `parsing took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
  const lineCount = fileLines(text).length;
  if ('errors' in result) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) checkError(e, file, lineCount, false);
    return false;
  }
  for (const t of lessonTexts(result.lesson)) expect(isInert(t), JSON.stringify(t.slice(0, 200))).toBe(true);
  return true;
}

/** The seed, what went wrong, and the start of the file that did it (it may be 250 KiB long). */
const failWithSeed = (what: string) => (e: unknown) => {
  const cause = (e as Error).cause as Error | undefined;
  const short = (t: string | undefined): string => (t && t.length > 2000 ? `${t.slice(0, 2000)}… (${t.length} characters)` : (t ?? ''));
  throw new Error(`${what} failed; reproduce with FUZZ_SEED=${SEED}\n${short(cause?.message)}\n${short((e as Error).message)}`);
};

describe(`fuzzing the lesson loader (FUZZ_SEED=${SEED})`, () => {
  it(`parseLesson: ${FILES} generated files never throw, take < 1 s each, reject with file:line, accept only inert text`, () => {
    let accepted = 0;
    let runs = 0;
    try {
      fc.assert(
        fc.property(lessonFile, (text) => {
          runs++;
          if (checkParse(text)) accepted++;
        }),
        { seed: SEED, numRuns: FILES, endOnFailure: true },
      );
    } catch (e) {
      failWithSeed('parseLesson')(e);
    }
    // the generator makes lessons that load as well as ones that do not
    expect(runs).toBeGreaterThanOrEqual(FILES);
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(runs);
  }, 60000);

  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('loadLessons: a folder of generated files with FIFOs and big files mixed in loads at once', () => {
    try {
      fc.assert(
        fc.property(fc.array(lessonFile, { minLength: 5, maxLength: 15 }), fc.nat(3), fc.nat(2), (texts, fifos, bigs) => {
          const dir = mkdtempSync(join(tmpdir(), 'container-lab-fuzz-'));
          dirs.push(dir);
          const files = texts.map((t, i) => {
            const name = join(dir, `${String(i).padStart(3, '0')}-f.md`);
            writeFileSync(name, t);
            return { name, lines: fileLines(t).length };
          });
          for (let i = 0; i < fifos; i++) execFileSync('mkfifo', [join(dir, `fifo-${i}.md`)]);
          for (let i = 0; i < bigs; i++) writeFileSync(join(dir, `big-${i}.md`), 'x'.repeat(LESSON_MAX_BYTES + 1 + i * 1024 * 1024));
          const started = performance.now();
          const { lessons, errors } = loadLessons(dir);
          expect(performance.now() - started).toBeLessThan(1000 * (files.length + fifos + bigs));
          const lineCounts = new Map(files.map((f) => [f.name, f.lines]));
          for (const e of errors) {
            if (e.file.includes('/fifo-')) expect(e).toMatchObject({ line: 0, message: 'skipped: a FIFO, not a regular file' });
            else if (e.file.includes('/big-')) expect(e).toMatchObject({ line: 1, message: expect.stringMatching(/over the 256 KiB/) });
            else checkError(e, e.file, lineCounts.get(e.file) ?? 0, false);
          }
          expect(errors.filter((e) => e.file.includes('/fifo-'))).toHaveLength(fifos);
          expect(errors.filter((e) => e.file.includes('/big-'))).toHaveLength(bigs);
          for (const l of lessons) for (const t of lessonTexts(l)) expect(isInert(t)).toBe(true);
          rmSync(dir, { recursive: true, force: true });
        }),
        { seed: SEED, numRuns: 10, endOnFailure: true },
      );
    } catch (e) {
      failWithSeed('loadLessons')(e);
    }
  }, 60000);
});
