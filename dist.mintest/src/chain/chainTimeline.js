const mentions = (p, dir) => p.cmdline.includes(dir + '/') || p.execs.some((e) => e.cmdline.includes(dir + '/'));
const isRunc = (p, sub, dir) => p.execs.some((e) => /(^|\/)runc(\s|$)/.test(e.cmdline.split(' ')[0] + ' ') && e.cmdline.includes(dir + '/') && new RegExp(`\\s${sub}(\\s|$)`).test(e.cmdline));
/** runc's init: renamed runc:[2:INIT], then exec'd the container's program in the same PID. */
function containerInit(procs) {
    return procs.find((p) => p.renames.some((r) => r.comm.startsWith('runc:[2:INIT]')) || p.comm.startsWith('runc:[2:INIT]'));
}
function programExec(init) {
    if (!init)
        return undefined;
    const renamed = init.renames.find((r) => r.comm.startsWith('runc:[2:INIT]'))?.t ?? init.firstSeen;
    return init.execs.find((e) => e.t >= renamed && !/runc/.test(e.cmdline.split(' ')[0]));
}
/** Picks the moments out of what the watcher and the proxy saw. `dir` is the lab directory. */
export function runMarks(procs, dir, http = []) {
    const m = {};
    const cli = procs.find((p) => p.execs.some((e) => /(^|\/)docker$/.test(e.cmdline.split(' ')[0]) && e.cmdline.includes(dir + '/')));
    if (cli) {
        m.cliStart = cli.execAt ?? cli.firstSeen;
        m.cliExit = cli.exitAt;
    }
    const create = http.find((e) => e.method === 'POST' && /\/containers\/create/.test(e.path));
    const start = http.find((e) => e.method === 'POST' && /\/containers\/[^/]+\/start/.test(e.path));
    if (create) {
        m.createRequest = create.t;
        if (create.ms !== undefined)
            m.createAnswered = create.t + create.ms;
    }
    if (start) {
        m.startRequest = start.t;
        if (start.ms !== undefined)
            m.startAnswered = start.t + start.ms;
    }
    const shim = procs.find((p) => p.comm.startsWith('containerd-shim') && mentions(p, dir));
    if (shim)
        m.shimStart = shim.execAt ?? shim.firstSeen;
    const runcCreate = procs.find((p) => isRunc(p, 'create', dir));
    if (runcCreate) {
        m.runcCreate = runcCreate.execAt ?? runcCreate.firstSeen;
        m.runcCreateExit = runcCreate.exitAt;
    }
    const hook = procs.find((p) => p.execs.some((e) => e.cmdline.startsWith('libnetwork-setkey') && e.cmdline.includes(dir + '/')));
    if (hook) {
        m.hookStart = hook.execAt ?? hook.firstSeen;
        m.hookExit = hook.exitAt;
    }
    const runcStart = procs.find((p) => isRunc(p, 'start', dir));
    if (runcStart)
        m.runcStart = runcStart.execAt ?? runcStart.firstSeen;
    const init = containerInit(procs);
    const exec = programExec(init);
    if (exec) {
        m.programExec = exec.t;
        m.programExit = init?.exitAt;
    }
    return m;
}
/** The hops between consecutive moments, in chain order: what `docker run` spends where. */
export const HOPS = [
    { from: 'cliStart', to: 'createRequest', label: 'docker CLI starts, asks' },
    { from: 'createRequest', to: 'createAnswered', label: 'dockerd: create' },
    { from: 'createAnswered', to: 'startRequest', label: 'CLI: attach, wait, start' },
    { from: 'startRequest', to: 'shimStart', label: 'dockerd → containerd → shim' },
    { from: 'shimStart', to: 'runcCreate', label: 'shim → runc create' },
    // with docker, runc create runs dockerd's prestart hook: a hop of its own
    { from: 'runcCreate', to: 'runcCreateExit', label: 'runc create (ns, mounts)', unless: 'hookStart' },
    { from: 'runcCreate', to: 'hookStart', label: 'runc create: ns, mounts' },
    { from: 'hookStart', to: 'hookExit', label: 'prestart hook (dockerd)' },
    { from: 'hookExit', to: 'runcCreateExit', label: 'runc create: the rest' },
    { from: 'runcCreateExit', to: 'runcStart', label: 'back up, then runc start' },
    { from: 'runcStart', to: 'programExec', label: 'runc start → exec' },
    { from: 'programExec', to: 'programExit', label: 'your program runs' },
    { from: 'programExit', to: 'cliExit', label: 'exit status back to CLI' },
];
export function hopBars(m) {
    const out = [];
    for (const h of HOPS) {
        if (h.unless && m[h.unless] !== undefined)
            continue;
        const a = m[h.from];
        const b = m[h.to];
        if (a !== undefined && b !== undefined && b >= a)
            out.push({ label: h.label, ms: b - a });
    }
    return out;
}
/** Each process of the chain as it appeared (and went), ms after t0, in order of appearance. */
export function chainTimeline(procs, dir, t0) {
    const out = [];
    const add = (label, t, pid, gone) => {
        if (t === undefined)
            return;
        out.push({ label, at: t - t0, pid, ...(gone !== undefined ? { goneAt: gone - t0 } : {}) });
    };
    const init = containerInit(procs);
    for (const p of procs) {
        const first = p.execs[0];
        const cmd = first?.cmdline ?? p.cmdline;
        const argv0 = cmd.split(' ')[0];
        if (/(^|\/)docker$/.test(argv0) && cmd.includes(dir + '/'))
            add(`docker ${cmd.split(' ').find((w, i, a) => i > 2 && a[i - 1]?.startsWith('unix://')) ?? 'CLI'}`, p.execAt ?? p.firstSeen, p.pid, p.exitAt);
        else if (p.comm.startsWith('containerd-shim') && mentions(p, dir))
            add(/\sstart(\s|$)/.test(cmd) ? 'shim start (by containerd)' : 'containerd-shim-runc-v2', p.execAt ?? p.firstSeen, p.pid, p.exitAt);
        else if (/(^|\/)runc$/.test(argv0) && cmd.includes(dir + '/')) {
            const sub = ['create', 'start', 'delete', 'kill', 'state'].find((s) => new RegExp(`\\s${s}(\\s|$)`).test(cmd)) ?? '';
            add(`runc ${sub}`.trim(), p.execAt ?? p.firstSeen, p.pid, p.exitAt);
        }
        else if (/^libnetwork-setkey\s/.test(cmd) && cmd.includes(dir + '/')) {
            add("prestart hook: dockerd's binary as libnetwork-setkey", p.execAt ?? p.firstSeen, p.pid, p.exitAt);
        }
        else if (p === init) {
            // runc:[2:INIT] is cloned, not exec'd: it appears at its fork and takes the name by prctl(PR_SET_NAME)
            add('runc init → runc:[2:INIT]', p.renames.find((r) => r.comm.startsWith('runc:[2:INIT]'))?.t ?? p.firstSeen, p.pid);
            const exec = programExec(p);
            if (exec)
                add(`${exec.comm} (the container's PID 1)`, exec.t, p.pid, p.exitAt);
        }
    }
    return out.sort((a, b) => a.at - b.at);
}
