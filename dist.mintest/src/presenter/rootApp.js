// Finds an interactive container-lab app running as root, from /proc: the one whose notes a user's viewer cannot reach.
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCommandLine } from '../cli/args.js';
/** The script a node command line runs: the first argument after node's own options. */
function scriptOf(argv) {
    if (argv.length < 2 || !/^node(js)?(\d+)?$/.test(basename(argv[0])))
        return null;
    const i = argv.findIndex((a, k) => k > 0 && !a.startsWith('-'));
    return i < 0 ? null : { script: argv[i], args: argv.slice(i + 1) };
}
/** container-lab's bin: its installed name, or the bundle it links to. */
function isContainerLab(script, procRoot) {
    let path = script;
    if (procRoot === '/' && script.startsWith('/')) {
        try {
            path = realpathSync(script);
        }
        catch {
            // not there any more: the name is all there is
        }
    }
    return basename(path) === 'container-lab' || path.endsWith('/app/main.js');
}
function isApp(args) {
    try {
        return parseCommandLine(args).command.kind === 'app';
    }
    catch {
        return false;
    }
}
/** The PID of a container-lab app (the menu or a lesson, not a command) whose effective uid is 0, or null. */
export function rootAppPid(procRoot = '/') {
    let names;
    try {
        names = readdirSync(join(procRoot, 'proc'));
    }
    catch {
        return null;
    }
    for (const name of names) {
        if (!/^\d+$/.test(name))
            continue;
        try {
            const status = readFileSync(join(procRoot, 'proc', name, 'status'), 'utf8');
            if (/^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1] !== '0')
                continue;
            const argv = readFileSync(join(procRoot, 'proc', name, 'cmdline'), 'utf8').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
            const run = scriptOf(argv);
            if (run && isContainerLab(run.script, procRoot) && isApp(run.args))
                return Number(name);
        }
        catch {
            // gone, or hidden from us
        }
    }
    return null;
}
