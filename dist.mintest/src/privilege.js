// Decides how the helper runs: root, sudo (password asked before the TUI draws) or rootless.
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { whichProgram } from '../native/findProgram.js';
import { startAsRoot } from './format/asRoot.js';
function sudoWorks(interactive) {
    if (!whichProgram('sudo'))
        return false;
    // sudo -v asks for the password on the terminal now, before Ink takes it over.
    const r = spawnSync('sudo', interactive ? ['-v', '-p', 'container-lab: password for %u (to run its helper as root): '] : ['-n', '-v'], { stdio: 'inherit' });
    return r.status === 0;
}
async function ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
        return (await rl.question(question)).trim().toLowerCase();
    }
    finally {
        rl.close();
        // A closed readline leaves stdin reading the terminal underneath; the app reads the keyboard
        // from a stream of its own, and this one must not take keystrokes from it.
        process.stdin.destroy();
    }
}
export async function choosePrivilege(opts) {
    if ((process.geteuid?.() ?? 0) === 0)
        return { mode: 'root', note: null };
    // never advise --sudo where there is no sudo
    const rootlessNote = `Running rootless, inside a user namespace: lessons marked "needs root" are unavailable (${startAsRoot(whichProgram('sudo') ? 'sudo' : 'su')} to use them).`;
    if (opts.rootless)
        return { mode: 'rootless', note: rootlessNote };
    if (opts.sudo) {
        if (sudoWorks(opts.interactive))
            return { mode: 'sudo', note: 'The helper runs as root through sudo.' };
        return { mode: 'rootless', note: 'sudo did not succeed: ' + rootlessNote };
    }
    if (!opts.interactive || !whichProgram('sudo'))
        return { mode: 'rootless', note: rootlessNote };
    process.stderr.write('container-lab: you are not root. Some lessons need root; the rest can run rootless inside a user namespace.\n');
    const answer = await ask('Use sudo for the lab\'s helper process? [y/N] ');
    if (answer === 'y' || answer === 'yes') {
        if (sudoWorks(true))
            return { mode: 'sudo', note: 'The helper runs as root through sudo.' };
        return { mode: 'rootless', note: 'sudo did not succeed: ' + rootlessNote };
    }
    return { mode: 'rootless', note: rootlessNote };
}
