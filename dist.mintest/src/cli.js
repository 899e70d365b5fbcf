#!/usr/bin/env node
// Command line: argv → a subcommand (list, run, doctor, cleanup, image, …) or the interactive app.
// Only what --help needs loads up front: the lessons (from a cache when unchanged), the helper, the probe and the app load where used.
import chalk, { Chalk, supportsColor } from 'chalk';
import { packageVersion } from './sys/packageRoot.js';
import { hostDockerArg, hostDockerProblem, hostDockerSocket } from './chain/hostDockerOption.js';
import { inert } from './format/inert.js';
import { parseCommandLine } from './cli/args.js';
import { USAGE, RUN_USAGE } from './cli/usage.js';
import { UsageError } from './cli/usageError.js';
import { colorLevel, isDumbTerminal } from './cli/color.js';
import { findLesson, isLessonPath, loadAll } from './cli/lessonSource.js';
import { notLinux } from './lesson/notLinux.js';
function styleFor(level) {
    const c = new Chalk({ level });
    return { ok: c.green, bad: c.red, dim: c.dim, bold: c.bold };
}
/**
 * Before an untrusted lesson's first step: what it will do with root, and the question. Without a
 * terminal to ask on, it refuses (--trust-lessons skips the question).
 */
async function askConsent(lesson, style) {
    const { consentLines, consents } = await import('./lesson/consent.js');
    for (const line of consentLines(lesson))
        process.stderr.write(line + '\n');
    if (process.stdin.isTTY !== true) {
        process.stderr.write(style.bad(`container-lab: not running "${lesson.id}": it comes from ${lesson.source.from} and there is no terminal to ask on (a lesson author can pass --trust-lessons)`) + '\n');
        return false;
    }
    return consents(await askLine('Go on? [Y/n] (y or Enter goes on, anything else stops) '));
}
/** One line typed on the terminal, after the question (on stderr). */
async function askLine(question) {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
        return await rl.question(question);
    }
    finally {
        rl.close();
    }
}
async function startHelper(mode, extraArgs = []) {
    const { HelperClient } = await import('./helper/client.js');
    const helper = HelperClient.start(mode, 'inherit', extraArgs);
    try {
        await helper.hello();
    }
    catch (error) {
        await helper.stop();
        throw new Error(`the lab's helper process did not start: ${error.message}`);
    }
    try {
        const { removed } = await helper.sweep();
        for (const r of removed)
            process.stderr.write(`container-lab: removed a crashed session's ${r}\n`);
    }
    catch (error) {
        // the helper waits for its stdin to close: without this the app would hang on it
        await helper.stop();
        throw error;
    }
    return helper;
}
async function main(argv) {
    const { command, options: values } = parseCommandLine(argv);
    const level = colorLevel(process.env, process.stdout.isTTY === true, supportsColor ? supportsColor.level : 0);
    chalk.level = level; // Ink draws with this chalk
    const style = styleFor(level);
    const out = (line) => process.stdout.write(line + '\n');
    const err = (line) => process.stderr.write(line + '\n');
    if (command.kind === 'help') {
        out(command.topic === 'run' ? RUN_USAGE : USAGE);
        return 0;
    }
    if (command.kind === 'version') {
        out(packageVersion());
        return 0;
    }
    // --host-docker: the user's consent to use the host's Docker for the lessons that can
    const hostDocker = values['host-docker'] ? hostDockerSocket() : null;
    if (hostDocker) {
        const problem = hostDockerProblem(hostDocker);
        if (problem)
            throw new UsageError(`--host-docker: ${problem}`);
    }
    const helperArgs = hostDocker ? [hostDockerArg(hostDocker)] : [];
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    // off Linux the host's files say nothing: nothing is probed, and every lesson says why it cannot run
    const elsewhere = notLinux();
    const probeHost = async () => (elsewhere ? (await import('./lesson/availability.js')).UNLIMITED : (await import('./observe/host/probe.js')).probeHost());
    if (elsewhere && ['shell', 'cleanup', 'image', 'doctor'].includes(command.kind)) {
        err(`container-lab: ${command.kind} ${elsewhere}. Here, container-lab opens each lesson's recording, and replay FILE plays one.`);
        return 1;
    }
    const choosePrivilege = async (o) => (await import('./privilege.js')).choosePrivilege(o);
    switch (command.kind) {
        case 'list': {
            const { lessons, errors, warnings } = await loadAll(values);
            const { lessonRows, listLines, listJson } = await import('./cli/listCommand.js');
            // without --sudo a user who is not root runs rootless: the marks say what that stops
            const mode = (process.geteuid?.() ?? 0) === 0 ? 'root' : 'rootless';
            const rows = lessonRows(lessons, { mode, hostDocker, host: await probeHost() });
            if (values.json)
                out(listJson(rows, errors, mode));
            else
                listLines(rows, style).forEach(out);
            for (const w of warnings)
                err(style.bad(w));
            return 0;
        }
        case 'vocabulary': {
            const { vocabulary, vocabularyMarkdown, vocabularyText } = await import('./vocabulary/describe.js');
            if (values.json)
                out(JSON.stringify(vocabulary(), null, 2));
            else if (values.markdown)
                process.stdout.write(vocabularyMarkdown());
            else
                out(vocabularyText(vocabulary(), style.bold));
            return 0;
        }
        case 'doctor': {
            const { lessons } = await loadAll(values);
            return (await import('./doctor.js')).runDoctor(lessons, style, out, values.json === true);
        }
        case 'image':
            return (await import('./image/imageCommand.js')).runImageCommand(style, out, err, values.json === true);
        case 'shell':
            return (await import('./joinShell.js')).joinShell(out, err);
        case 'notes':
            return (await import('./presenter/notesCommand.js')).runNotes();
        case 'progress': {
            const { lessons, warnings } = await loadAll(values);
            for (const w of warnings)
                err(style.bad(w));
            const { runProgress } = await import('./progress/progressCommand.js');
            const ask = process.stdin.isTTY === true ? (question) => askLine(question) : null;
            return runProgress(lessons, { json: values.json === true, reset: values.reset === true }, { out, err, ask });
        }
        case 'replay': {
            // the file first: a bad one gets its line with or without a terminal (the app's code loads meanwhile)
            const replay = import('./replay.js');
            replay.catch(() => { });
            const { readRecording } = await import('./record/reader.js');
            const recording = readRecording(command.file);
            needsTerminal(`without one, asciinema play ${command.file} shows the recorded screen`);
            await (await replay).runReplay(recording);
            return 0;
        }
        case 'cleanup': {
            const choice = await choosePrivilege({ sudo: values.sudo, rootless: values.rootless, interactive });
            const helper = await startHelper(choice.mode);
            await helper.stop();
            // the app's own notes directories (this user's, whatever the helper's privilege) of apps that are gone
            const { removeDeadNotesDirs } = await import('./presenter/notesDirs.js');
            for (const dir of removeDeadNotesDirs())
                out(`removed the notes directory of an app that is gone: ${dir}`);
            out('cleanup done');
            return 0;
        }
        case 'transcript': {
            const path = isLessonPath(command.lesson) ? command.lesson : undefined;
            const { lessons, warnings } = await loadAll(values, path);
            for (const w of warnings)
                err(w);
            if (path && lessons.length === 0)
                return 1;
            const lesson = path ? lessons[0] : findLesson(lessons, command.lesson);
            const choice = await choosePrivilege({ sudo: values.sudo, rootless: values.rootless, interactive: false });
            const { whyUnavailable } = await import('./lesson/availability.js');
            const reason = whyUnavailable(lesson, { mode: choice.mode, hostDocker, host: await probeHost() });
            if (reason) {
                err(`container-lab: ${lesson.id} ${reason}`);
                return 1;
            }
            if (!lesson.source.trusted && !values['trust-lessons'] && !(await askConsent(lesson, style)))
                return 1;
            const record = values.record ? (await import('./record/startRecording.js')).startRecording(values.record, lesson, terminalSize()) : undefined;
            try {
                const helper = await startHelper(choice.mode, helperArgs);
                try {
                    const { runTranscript } = await import('./lesson/transcript.js');
                    const ok = await runTranscript(helper, lesson, values.json === true, style, out, record);
                    return ok ? 0 : 1;
                }
                finally {
                    await helper.stop();
                }
            }
            finally {
                record?.close();
                if (record?.failure)
                    err(style.bad(`container-lab: the recording ${values.record} stopped early: ${record.failure.message}`));
            }
        }
        case 'app':
            break;
    }
    // The interactive app. A lesson word is looked up first: a typo gets its suggestion with or without a terminal.
    const path = isLessonPath(command.lesson) ? command.lesson : undefined;
    const { lessons, errors } = await loadAll(values, path);
    const initial = path ? lessons[0] : command.lesson !== null ? findLesson(lessons, command.lesson) : undefined;
    needsTerminal(`for a transcript use: container-lab run ${initial ? initial.id : '<lesson>'} --no-tui`);
    // off Linux no helper starts: the menu offers each lesson's recording, saying why
    const choice = elsewhere ? { mode: 'rootless', note: `container-lab ${elsewhere}: each lesson opens as its recording, and nothing runs.` } : await choosePrivilege({ sudo: values.sudo, rootless: values.rootless, interactive });
    const record = values.record && initial ? (await import('./record/startRecording.js')).startRecording(values.record, initial, terminalSize()) : undefined;
    const { openApp } = await import('./openApp.js');
    try {
        await openApp({ lessons, loadErrors: errors, privilegeNote: choice.note, mode: choice.mode, helperArgs, hostDocker, initialLessonId: initial?.id, trustLessons: values['trust-lessons'] === true, record, noHelper: elsewhere !== null, taskMode: values.mode });
    }
    finally {
        record?.close();
        if (record?.failure)
            err(style.bad(`container-lab: the recording ${values.record} stopped early: ${record.failure.message}`));
    }
    return 0;
}
/** The app draws on a terminal that moves the cursor; `instead` says what to do without one. */
function needsTerminal(instead) {
    if (process.stdin.isTTY !== true || process.stdout.isTTY !== true)
        throw new UsageError(`the interactive app needs a terminal; ${instead}`);
    // TERM=dumb: a terminal without cursor movement; the app redraws its screen in place and cannot run there
    if (isDumbTerminal(process.env))
        throw new UsageError(`the interactive app cannot draw on TERM=dumb (it moves the cursor to redraw the screen); ${instead}, or set TERM (e.g. TERM=xterm-256color)`);
}
/** The terminal's size for a recording's header (a transcript piped to a file: 120×40). */
function terminalSize() {
    return { width: process.stdout.columns || 120, height: process.stdout.rows || 40 };
}
// A reader that stops early (| head) is not an error; the helper sees our end and tears down.
process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE')
        process.exit(0);
    throw error;
});
main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
}, (error) => {
    if (error instanceof UsageError) {
        process.stderr.write(`container-lab: ${inert(error.message)}\n${error.usage ?? 'Try: container-lab --help'}\n`);
        process.exitCode = 2;
    }
    else {
        process.stderr.write(`container-lab: ${inert(error.message ?? String(error))}\n`);
        process.exitCode = 1;
    }
});
