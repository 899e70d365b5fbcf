// Asks systemd for a transient scope with Delegate=yes, the one cgroup subtree it lets the lab manage on a systemd v2 host.
import { join } from 'node:path';
import { LabError } from '../errors.js';
import { CGROUP_PREFIX } from './names.js';
/*
 * systemd owns the cgroup tree; a program may only manage a subtree delegated to it: a service or
 * scope unit with Delegate=yes (https://systemd.io/CGROUP_DELEGATION/, systemd.resource-control(5)).
 * A scope adopts processes that already run, which is what the lab needs: StartTransientUnit on
 * org.freedesktop.systemd1.Manager (org.freedesktop.systemd1(5)) with PIDs= moves the container
 * process in; with Delegate=yes systemd enables the controllers on the way down to the scope and
 * leaves what is below it to the lab. busctl(1) makes the call (it ships with systemd), on the
 * system bus as root, on the user's bus (its user@UID.service manager) rootless.
 */
/** The unit name for a session: it carries container-lab, like everything the lab makes. */
export function scopeUnit(sessionId) {
    return `${CGROUP_PREFIX}${sessionId}.scope`;
}
/** sd_booted(3): systemd is the init system when /run/systemd/system exists. */
export function systemdBooted(fs, root = '/') {
    return fs.exists(join(root, 'run/systemd/system'));
}
/** The slice each manager puts the scope in: system.slice for root, app.slice in the user's manager. */
export function scopeSlice(user) {
    return user ? 'app.slice' : 'system.slice';
}
export function startScopeArgv(unit, pids, user) {
    return ['busctl', ...(user ? ['--user'] : []), 'call', 'org.freedesktop.systemd1', '/org/freedesktop/systemd1',
        'org.freedesktop.systemd1.Manager', 'StartTransientUnit', 'ssa(sv)a(sa(sv))', unit, 'fail', '5',
        'Description', 's', 'container-lab: the cgroup of one lesson session',
        'Slice', 's', scopeSlice(user),
        'Delegate', 'b', 'true',
        // gone from systemd's list as soon as it is empty, even if it failed
        'CollectMode', 's', 'inactive-or-failed',
        'PIDs', 'au', String(pids.length), ...pids.map(String),
        '0'];
}
/** The v2 path ("/system.slice/x.scope") in a /proc/<pid>/cgroup text, or null. */
function v2Path(text) {
    const line = text.split('\n').find((l) => l.startsWith('0::'));
    return line ? line.slice(3) : null;
}
function pause(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
/**
 * Starts the scope around pids and returns its directory under v2Root. The call only queues a job
 * (org.freedesktop.systemd1(5)): the scope exists once the first PID's /proc/<pid>/cgroup names it,
 * which is awaited for up to waitMs.
 */
export function startLabScope(sys, v2Root, sessionId, pids, user, waitMs = 3000) {
    const unit = scopeUnit(sessionId);
    const run = sys.runSync(startScopeArgv(unit, pids, user), { timeoutMs: waitMs });
    if (run.status !== 0) {
        const why = (run.stderr || run.error || `exit status ${run.status}`).trim();
        throw new LabError(`systemd did not make the scope ${unit}: ${why}`, user ? 'rootless cgroups need your systemd user manager (systemctl --user status) and its D-Bus (DBUS_SESSION_BUS_ADDRESS or $XDG_RUNTIME_DIR/bus)'
            : 'check that systemd runs as PID 1 and answers: systemctl status');
    }
    const deadline = Date.now() + waitMs;
    for (;;) {
        const path = v2Path(sys.readFile(`/proc/${pids[0]}/cgroup`));
        if (path !== null && path.endsWith('/' + unit))
            return join(v2Root, path);
        if (Date.now() > deadline)
            throw new LabError(`systemd made ${unit} but did not move process ${pids[0]} into it within ${waitMs} ms`, 'try again; systemctl status ' + unit);
        pause(10);
    }
}
