// The command line's grammar: help and version as words, run's usage, argument counts, --json where it belongs.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/usageError.js';
import { RUN_USAGE } from '../../../src/cli/usage.js';

const command = (...argv: string[]) => parseCommandLine(argv).command;
const usageError = (...argv: string[]): UsageError => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
};

describe('parseCommandLine', () => {
  it('help and version are words as well as options', () => {
    expect(command('help')).toEqual({ kind: 'help', topic: null });
    expect(command('help', 'run')).toEqual({ kind: 'help', topic: 'run' });
    expect(command('run', '--help')).toEqual({ kind: 'help', topic: 'run' });
    expect(command('-h')).toEqual({ kind: 'help', topic: null });
    expect(command('version')).toEqual({ kind: 'version' });
    expect(command('-V')).toEqual({ kind: 'version' });
  });

  it('--mode is workshop, study or present, and goes with the app only', () => {
    expect(parseCommandLine(['3', '--mode', 'study']).options.mode).toBe('study');
    expect(parseCommandLine(['--mode', 'present']).command).toEqual({ kind: 'app', lesson: null });
    expect(usageError('--mode', 'exam').message).toBe('--mode is workshop, study, present (got exam)');
    for (const argv of [['list'], ['replay', 'x.cast'], ['run', '2', '--no-tui'], ['notes']]) {
      expect(usageError(...argv, '--mode', 'study').message).toBe('--mode goes with the app: container-lab [lesson] --mode study');
    }
  });

  it('no words opens the menu; one word that is no command is a lesson for the app', () => {
    expect(command()).toEqual({ kind: 'app', lesson: null });
    expect(command('namespaces')).toEqual({ kind: 'app', lesson: 'namespaces' });
    expect(command('run', 'namespaces')).toEqual({ kind: 'app', lesson: 'namespaces' });
    expect(command('run', '2', '--no-tui')).toEqual({ kind: 'transcript', lesson: '2' });
  });

  it('run without a lesson is a usage error that prints run\'s usage', () => {
    const e = usageError('run');
    expect(e.message).toBe('run needs a lesson');
    expect(e.usage).toBe(RUN_USAGE);
    expect(usageError('run', '--no-tui').usage).toBe(RUN_USAGE);
    expect(usageError('run', 'a', 'b', '--no-tui').message).toMatch(/^run takes one lesson \(got a b\)/);
  });

  it('commands without arguments refuse them; --json goes with the commands that print data', () => {
    expect(usageError('list', 'x').message).toBe('list takes no arguments (got x)');
    for (const kind of ['list', 'progress', 'doctor', 'image', 'vocabulary'] as const) {
      expect(parseCommandLine([kind, '--json'])).toMatchObject({ command: { kind }, options: { json: true } });
    }
    expect(usageError('shell', '--json').message).toMatch(/--json goes with/);
    expect(usageError('namespaces', '--json').message).toMatch(/go with run/);
    expect(usageError('doctor', '--no-tui').message).toMatch(/--no-tui goes with run/);
    expect(usageError('a', 'b').message).toMatch(/^too many arguments: a b/);
  });

  it('progress takes --reset; --reset goes with nothing else, nor with --json', () => {
    expect(parseCommandLine(['progress', '--reset'])).toEqual({ command: { kind: 'progress' }, options: { reset: true } });
    expect(usageError('progress', 'x').message).toBe('progress takes no arguments (got x)');
    expect(usageError('list', '--reset').message).toBe('--reset goes with progress: container-lab progress --reset');
    expect(usageError('--reset').message).toBe('--reset goes with progress: container-lab progress --reset');
    expect(usageError('progress', '--reset', '--json').message).toBe('progress --reset asks first: --json does not go with it');
  });

  it('an unknown option is a usage error naming it', () => {
    expect(usageError('--bogus').message).toMatch(/--bogus/);
    expect(usageError('--lessons').message).toMatch(/--lessons/);
  });
});
