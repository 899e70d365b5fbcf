// `container-lab shell`: a shell in a running lesson's container, from another terminal (setns via nsenter(1)), or why not.
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listSessionDirs } from './helper/stateDir.js';
import { sessionIsAlive, stateRoot } from './stateRoot.js';
import { whichProgram } from '../native/findProgram.js';
import { shellVerdict } from './observe/shellPlace.js';
import { shellArgv, shellBanner } from './helper/shellCommand.js';
import { runShell } from './helper/shellRun.js';
import { realSys } from './sys/real.js';
function livePid(file) {
    try {
        const pid = Number(readFileSync(file, 'utf8').trim());
        readlinkSync(`/proc/${pid}/ns/mnt`);
        return pid;
    }
    catch {
        return null;
    }
}
/** Live sessions that have a container process, newest first. */
export function runningContainers(root = stateRoot()) {
    const out = [];
    for (const dir of listSessionDirs(root)) {
        if (!sessionIsAlive(dir))
            continue;
        try {
            const builderPid = Number(readFileSync(join(dir, 'builder.pid'), 'utf8').trim());
            readlinkSync(`/proc/${builderPid}/ns/mnt`); // still there, and ours to look at
            out.push({ sessionDir: dir, builderPid, initPid: livePid(join(dir, 'init.pid')), startedAt: statSync(join(dir, 'builder.pid')).mtimeMs });
        }
        catch {
            // a session between containers (rebuilding) or one we may not enter
        }
    }
    return out.sort((a, b) => b.startedAt - a.startedAt);
}
/** Where the shell goes: a PID 1 that pivoted (or a chain's container) is entered; else the container process's children's namespaces. */
export function joinPlace(target) {
    return target.initPid !== null ? { pid: target.initPid, via: 'enter' } : { pid: target.builderPid, via: 'fork' };
}
const LACKS = {
    'own mnt namespace': 'a mount namespace of its own',
    'own pid namespace': 'a PID namespace of its own',
    'PID 1': 'a PID 1 in its PID namespace',
};
/** The line `container-lab shell` prints when the session has no container a shell may open in. */
export function refusalLine(sessionDir, missing) {
    const lacks = missing.map((m) => LACKS[m]);
    return `container-lab: no container yet in ${sessionDir}: it lacks ${lacks.join(' and ')}. `
        + 'The lesson\'s next steps make them; press s in the lesson to see which, then try again.';
}
export async function joinShell(out, err) {
    const nsenter = whichProgram('nsenter');
    if (!nsenter) {
        err('container-lab: nsenter(1) is missing: install util-linux');
        return 1;
    }
    const [target] = runningContainers();
    if (!target) {
        err('container-lab: no lesson is running a container here. Open one (container-lab <lesson>), run a step or two, then try again.');
        return 1;
    }
    const verdict = shellVerdict(realSys, process.pid, joinPlace(target));
    if (!verdict.ok) {
        err(refusalLine(target.sessionDir, verdict.missing));
        return 2;
    }
    const rootless = (process.geteuid?.() ?? 0) !== 0;
    const argv = shellArgv(verdict, { forked: false, rootless });
    out(`container-lab: joining the container of ${target.sessionDir} (${verdict.place.via === 'enter' ? 'its PID 1' : 'the container process\'s PID namespace'}, host PID ${verdict.place.pid}):`);
    out(`  ${argv.join(' ')}`);
    const code = await runShell({
        argv: [nsenter, ...argv.slice(1)],
        terminal: 'inherit',
        env: { ...process.env, PS1: '[container-lab joined] # ', ENV: '' },
        banner: [...shellBanner(verdict), 'container-lab: type exit to leave; the lesson keeps running.'],
        write: (text) => process.stdout.write(text),
    });
    return code ?? 1;
}
