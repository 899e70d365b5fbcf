#!/usr/bin/env node
// Command line: argv → a subcommand (list, run, doctor, cleanup) or the interactive app.
// Only what --help needs loads up front: the lessons (from a cache when unchanged), the helper and the app load where used.
import { parseArgs } from 'node:util';
import chalk, { Chalk } from 'chalk';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { lessonsDir, packageLessonsDir, packageVersion } from './sys/packageRoot.js';
import type { HelperClient, HelperMode } from './helper/client.js';
import type { TranscriptStyle } from './lesson/transcript.js';
import type { Lesson, LessonLoadError } from './types.js';
import { hostDockerArg, hostDockerProblem, hostDockerSocket } from './chain/hostDockerOption.js';
import { inert } from './format/inert.js';

const USAGE = `Usage: container-lab [lesson | path/to/lesson.md] [options]
       container-lab <command> [options]

Learn how Linux containers work: every step is the real kernel call, and the
kernel's state is shown live beside the lesson.

Commands:
  (none)                 open the interactive app on the lesson menu
  <lesson>               open the interactive app on a lesson (id, number, or a
                         lesson file's path: then only that file is loaded)
  list                   list the lessons and what each needs
  run <lesson> --no-tui  run every step without the app; print a transcript
  shell                  a shell in the container a running lesson built (another terminal)
  doctor                 say what this host can do, and how to fix what it can't
  cleanup                remove what a crashed session left behind
  image                  show the lab image (built on first use): layers, digests, sizes
  vocabulary             every action and check a lesson may use, with its doc
                         (--json: as data; --markdown: docs/vocabulary.md)

Options:
  --no-tui               (run) print a transcript instead of opening the app
  --json                 (run --no-tui) one JSON object per line
  --sudo                 run the helper as root through sudo (asks the password first)
  --rootless             run the helper inside a user namespace, without root
  --lessons DIR          load the lessons in DIR instead of the package's
  --trust-lessons        open lessons from --lessons, $CONTAINER_LAB_LESSONS or a path
                         without asking first (for authors). Such a lesson lists what it
                         will do with root and asks before its first step; it may never
                         run commands of its own choice as root (see docs/lesson-format.md).
  --host-docker          use the host's own Docker (DOCKER_HOST, else /var/run/docker.sock)
                         for lesson 8; containers it makes carry the label container-lab
                         and are removed afterwards. Without it the lab never touches it.
  -h, --help             show this help
  -V, --version          show the version

Environment: NO_COLOR turns colours off; CONTAINER_LAB_LESSONS is a lesson directory
(untrusted, like --lessons). Exit status: 0 success, 1 a step or
check failed (or the lab could not run), 2 a usage error.`;

class UsageError extends Error {}

function styleFor(color: boolean): TranscriptStyle {
  const c = new Chalk({ level: color ? 1 : 0 });
  return { ok: c.green, bad: c.red, dim: c.dim, bold: c.bold };
}

/** A lesson named by its file's path rather than by id or number. */
function isLessonPath(key: string | undefined): key is string {
  return key !== undefined && (key.includes('/') || key.endsWith('.md'));
}

function findLesson(lessons: Lesson[], key: string): Lesson {
  const byNumber = /^\d+$/.test(key) ? lessons[Number(key) - 1] : undefined;
  const found = byNumber ?? lessons.find((l) => l.id === key);
  if (!found) throw new UsageError(`no lesson "${key}" (try: container-lab list)`);
  return found;
}

interface LessonOptions {
  lessons?: string;
}

/**
 * The lessons of the package, of --lessons DIR or $CONTAINER_LAB_LESSONS, or the one file a path
 * names: only the package's are trusted (--trust-lessons answers the question, it trusts no file).
 */
async function loadAll(o: LessonOptions, path?: string): Promise<{ lessons: Lesson[]; errors: LessonLoadError[]; warnings: string[] }> {
  if (path && !existsSync(path)) throw new UsageError(`no lesson file ${path}`);
  const env = process.env.CONTAINER_LAB_LESSONS;
  let dir = path ? dirname(resolve(path)) : o.lessons ?? lessonsDir();
  const from = path ? 'the command line' : o.lessons ? `--lessons ${o.lessons}` : env ? '$CONTAINER_LAB_LESSONS' : null;
  if (!from) dir = packageLessonsDir();
  const { loadLessonsCached } = await import('./lesson/lessonCache.js');
  let { lessons, errors } = (await loadLessonsCached(dir, from === null ? undefined : { trusted: false, from })).result;
  if (path) {
    const file = resolve(path);
    lessons = lessons.filter((l) => resolve(l.file) === file);
    errors = errors.filter((e) => resolve(e.file) === file || e.line === 0 && resolve(e.file) === dir);
    if (lessons.length === 0 && errors.length === 0) throw new UsageError(`no lesson file ${path} (a lesson file ends in .md)`);
  }
  const formatLoadError = errors.length ? (await import('./lesson/loadLessons.js')).formatLoadError : String;
  return { lessons, errors, warnings: errors.map((e) => formatLoadError(e)) };
}

/**
 * Before an untrusted lesson's first step: what it will do with root, and the question. Without a
 * terminal to ask on, it refuses (--trust-lessons skips the question).
 */
async function askConsent(lesson: Lesson, style: TranscriptStyle): Promise<boolean> {
  const { consentLines, consents } = await import('./lesson/consent.js');
  for (const line of consentLines(lesson)) process.stderr.write(line + '\n');
  if (process.stdin.isTTY !== true) {
    process.stderr.write(style.bad(`container-lab: not running "${lesson.id}": it comes from ${lesson.source.from} and there is no terminal to ask on (a lesson author can pass --trust-lessons)`) + '\n');
    return false;
  }
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return consents(await rl.question('Go on? [Y/n] (y or Enter goes on, anything else stops) '));
  } finally {
    rl.close();
  }
}

async function startHelper(mode: HelperMode, extraArgs: string[] = []): Promise<HelperClient> {
  const { HelperClient } = await import('./helper/client.js');
  const helper = HelperClient.start(mode, 'inherit', extraArgs);
  try {
    await helper.hello();
  } catch (error) {
    throw new Error(`the lab's helper process did not start: ${(error as Error).message}`);
  }
  const { removed } = await helper.sweep();
  for (const r of removed) process.stderr.write(`container-lab: removed a crashed session's ${r}\n`);
  return helper;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
      'no-tui': { type: 'boolean' },
      json: { type: 'boolean' },
      sudo: { type: 'boolean' },
      rootless: { type: 'boolean' },
      'host-docker': { type: 'boolean' },
      markdown: { type: 'boolean' },
      lessons: { type: 'string' },
      'trust-lessons': { type: 'boolean' },
    },
  });
  const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
  if (!color) chalk.level = 0;
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.version) {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const [command, ...rest] = positionals;
  // --host-docker: the user's consent to use the host's Docker for the lessons that can
  const hostDocker = values['host-docker'] ? hostDockerSocket() : null;
  if (hostDocker) {
    const problem = hostDockerProblem(hostDocker);
    if (problem) throw new UsageError(`--host-docker: ${problem}`);
  }
  const helperArgs = hostDocker ? [hostDockerArg(hostDocker)] : [];
  const style = styleFor(color);
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;

  if (command === 'list') {
    if (rest.length) throw new UsageError('list takes no arguments');
    const { lessons, warnings } = await loadAll(values);
    const { sourceMark } = await import('./lesson/consent.js');
    const { missingPrograms } = await import('./chain/requirements.js');
    lessons.forEach((l, i) => {
      const missing = missingPrograms(l.requires);
      const needs = [l.privilege === 'root' ? 'needs root' : 'root or rootless', ...(l.requires.length ? [missing ?? l.requires.join(' ')] : []), ...(l.source.trusted ? [] : [sourceMark(l)])].join(' · ');
      process.stdout.write(`${String(i + 1).padStart(2)}  ${inert(l.id).padEnd(18)} ${inert(l.title).padEnd(34)} ${style.dim(needs)}\n`);
    });
    for (const w of warnings) process.stderr.write(style.bad(w) + '\n');
    return 0;
  }

  if (command === 'vocabulary') {
    if (rest.length > 0) throw new UsageError('too many arguments');
    const { vocabulary, vocabularyMarkdown, vocabularyText } = await import('./vocabulary/describe.js');
    if (values.json) process.stdout.write(JSON.stringify(vocabulary(), null, 2) + '\n');
    else if (values.markdown) process.stdout.write(vocabularyMarkdown());
    else process.stdout.write(vocabularyText(vocabulary(), style.bold) + '\n');
    return 0;
  }
  if (command === 'doctor') return (await import('./doctor.js')).runDoctor(style, (line) => process.stdout.write(line + '\n'));

  if (command === 'image') {
    if (rest.length) throw new UsageError('image takes no arguments');
    return (await import('./image/imageCommand.js')).runImageCommand(style, (line) => process.stdout.write(line + '\n'), (line) => process.stderr.write(line + '\n'));
  }

  if (command === 'shell') {
    if (rest.length) throw new UsageError('shell takes no arguments');
    return (await import('./joinShell.js')).joinShell((line) => process.stdout.write(line + '\n'), (line) => process.stderr.write(line + '\n'));
  }

  const { choosePrivilege } = await import('./privilege.js');
  if (command === 'cleanup') {
    const choice = await choosePrivilege({ sudo: values.sudo, rootless: values.rootless, interactive });
    const helper = await startHelper(choice.mode);
    await helper.stop();
    process.stdout.write('cleanup done\n');
    return 0;
  }

  if (command === 'run' && values['no-tui']) {
    if (rest.length !== 1) throw new UsageError('run needs one lesson: container-lab run <lesson> --no-tui');
    const path = isLessonPath(rest[0]) ? rest[0] : undefined;
    const { lessons, warnings } = await loadAll(values, path);
    for (const w of warnings) process.stderr.write(w + '\n');
    if (path && lessons.length === 0) return 1;
    const lesson = path ? lessons[0] : findLesson(lessons, rest[0]);
    const choice = await choosePrivilege({ sudo: values.sudo, rootless: values.rootless, interactive: false });
    const { whyUnavailable } = await import('./lesson/availability.js');
    const reason = whyUnavailable(lesson, { mode: choice.mode, hostDocker });
    if (reason) {
      process.stderr.write(`container-lab: ${lesson.id} ${reason}\n`);
      return 1;
    }
    if (!lesson.source.trusted && !values['trust-lessons'] && !(await askConsent(lesson, style))) return 1;
    const helper = await startHelper(choice.mode, helperArgs);
    try {
      const { runTranscript } = await import('./lesson/transcript.js');
      const ok = await runTranscript(helper, lesson, values.json === true, style, (line) => process.stdout.write(line + '\n'));
      return ok ? 0 : 1;
    } finally {
      await helper.stop();
    }
  }

  if (values['no-tui'] || values.json) throw new UsageError('--no-tui and --json go with run: container-lab run <lesson> --no-tui');
  const lessonKey = command === 'run' ? rest[0] : command;
  if ((command === 'run' && rest.length !== 1) || (command !== 'run' && rest.length > 0)) throw new UsageError('too many arguments');
  if (!interactive) {
    throw new UsageError('the interactive app needs a terminal; for a transcript use: container-lab run <lesson> --no-tui');
  }
  const path = isLessonPath(lessonKey) ? lessonKey : undefined;
  const { lessons, errors } = await loadAll(values, path);
  const initial = path ? lessons[0] : lessonKey ? findLesson(lessons, lessonKey) : undefined;
  const choice = await choosePrivilege({ sudo: values.sudo, rootless: values.rootless, interactive });
  const { openApp } = await import('./openApp.js');
  await openApp({ lessons, loadErrors: errors, privilegeNote: choice.note, mode: choice.mode, helperArgs, hostDocker, initialLessonId: initial?.id, trustLessons: values['trust-lessons'] === true });
  return 0;
}

// A reader that stops early (| head) is not an error; the helper sees our end and tears down.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`container-lab: ${inert((error as Error).message)}\nTry: container-lab --help\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`container-lab: ${inert((error as Error).message ?? String(error))}\n`);
      process.exitCode = 1;
    }
  },
);
