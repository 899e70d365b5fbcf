// argv → one command with its options; mistakes are UsageErrors (exit 2), found before any lesson or helper loads.
import { parseArgs } from 'node:util';
import { UsageError } from './usageError.js';
import { RUN_USAGE } from './usage.js';
/** --mode's words: the same lesson file, three ways (docs/lesson-format.md, tasks). */
export const TASK_MODES = ['workshop', 'study', 'present'];
/** The words that are commands: never taken for a lesson's name. */
export const COMMANDS = ['list', 'run', 'shell', 'notes', 'replay', 'progress', 'doctor', 'cleanup', 'image', 'vocabulary', 'help', 'version'];
const NO_ARGS = new Set(['list', 'shell', 'notes', 'progress', 'doctor', 'cleanup', 'image', 'vocabulary', 'version']);
const JSON_COMMANDS = new Set(['list', 'progress', 'doctor', 'image', 'vocabulary']);
export function parseCommandLine(argv) {
    let parsed;
    try {
        parsed = parseArgs({
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
                record: { type: 'string' },
                mode: { type: 'string' },
                reset: { type: 'boolean' },
            },
        });
    }
    catch (error) {
        // node:util's messages name the option and say what is wrong with it
        throw new UsageError(error.message);
    }
    const { values, positionals } = parsed;
    const { help, version, ...options } = values;
    const [word, ...rest] = positionals;
    if (options.mode !== undefined && !TASK_MODES.includes(options.mode)) {
        throw new UsageError(`--mode is ${TASK_MODES.join(', ')} (got ${options.mode})`);
    }
    const modeMisplaced = options.mode !== undefined && (word === 'replay' || (word !== undefined && NO_ARGS.has(word)) || options['no-tui']);
    if (modeMisplaced && !help && word !== 'help')
        throw new UsageError('--mode goes with the app: container-lab [lesson] --mode study');
    if (help || word === 'help')
        return { command: { kind: 'help', topic: help ? word ?? null : rest[0] ?? null }, options };
    if (version)
        return { command: { kind: 'version' }, options };
    if (options.reset && word !== 'progress')
        throw new UsageError('--reset goes with progress: container-lab progress --reset');
    if (options.reset && options.json)
        throw new UsageError('progress --reset asks first: --json does not go with it');
    if (word !== undefined && NO_ARGS.has(word)) {
        if (rest.length > 0)
            throw new UsageError(`${word} takes no arguments (got ${rest.join(' ')})`);
        if (options.json && !JSON_COMMANDS.has(word))
            throw new UsageError(`--json goes with run --no-tui, list, progress, doctor, image and vocabulary, not ${word}`);
        if (options['no-tui'])
            throw new UsageError(`--no-tui goes with run: container-lab run <lesson> --no-tui`);
        return { command: { kind: word }, options };
    }
    if (options.record !== undefined && (word === undefined || NO_ARGS.has(word) || word === 'replay')) {
        throw new UsageError(`--record goes with a lesson: container-lab <lesson> --record FILE, or run <lesson> --no-tui --record FILE`);
    }
    if (word === 'replay') {
        if (rest.length !== 1)
            throw new UsageError(`replay takes one recording file (got ${rest.length === 0 ? 'none' : rest.join(' ')})`);
        if (options.json || options['no-tui'])
            throw new UsageError('replay draws the app: --json and --no-tui do not go with it');
        return { command: { kind: 'replay', file: rest[0] }, options };
    }
    if (word === 'run') {
        if (rest.length === 0)
            throw new UsageError('run needs a lesson', RUN_USAGE);
        if (rest.length > 1)
            throw new UsageError(`run takes one lesson (got ${rest.join(' ')})`, RUN_USAGE);
        if (options['no-tui'])
            return { command: { kind: 'transcript', lesson: rest[0] }, options };
    }
    else if (rest.length > 0) {
        throw new UsageError(`too many arguments: ${positionals.join(' ')} (one lesson at most; a command goes first)`);
    }
    if (options['no-tui'] || options.json)
        throw new UsageError('--no-tui and --json (for a lesson) go with run: container-lab run <lesson> --no-tui');
    return { command: { kind: 'app', lesson: (word === 'run' ? rest[0] : word) ?? null }, options };
}
