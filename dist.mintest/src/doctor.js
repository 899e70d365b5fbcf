// `container-lab doctor [--json]`: what this host can do for the lab, how to fix what it can't, and which lessons it stops.
import { spawnSync } from 'node:child_process';
import { release } from 'node:os';
import { nodeInstallLines, nodeVersionProblem } from './nodeVersion.js';
import { whichProgram } from '../native/findProgram.js';
import { cgroupHierarchies } from './cgroup/session.js';
import { hostDockerProblem, hostDockerSocket } from './chain/hostDockerOption.js';
import { discoverChain, labDockerCli } from './chain/discover.js';
import { hostOsRelease, installHint } from './chain/installHint.js';
import { inert } from './format/inert.js';
import { probeHost } from './observe/host/probe.js';
import { lessonRows } from './cli/listCommand.js';
const ok = (what) => ({ state: 'ok', what });
const fail = (what, fix, essential = false) => ({ state: 'fail', what, fix, essential });
/**
 * Can a process without root make a user namespace with its own uid as root (what rootless mode and
 * the user-namespace step do)? As root the test first drops to nobody (65534), as the step does.
 */
function usernsTest(uid) {
    const unshare = whichProgram('unshare');
    const setpriv = whichProgram('setpriv');
    if (!unshare)
        return 'unshare(1) is missing';
    const argv = [unshare, '--user', '--map-root-user', 'true'];
    if (uid === 0) {
        if (!setpriv)
            return 'setpriv(1) is missing';
        argv.unshift(setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', '--');
    }
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 5000 });
    return r.status === 0 ? null : (r.stderr || '').trim() || `unshare exited with ${r.status ?? r.signal}`;
}
function privilegeFinding(p) {
    if (p.rootVia === 'root')
        return ok('running as root: the lessons that need root run directly');
    if (p.rootVia === 'sudo')
        return ok(`running as uid ${p.uid}; sudo is installed: the lessons marked "needs root" run with --sudo`);
    return fail(`running as uid ${p.uid}, and sudo is not installed: the lessons marked "needs root" cannot run this way`, 'run container-lab as root for them (e.g. in a shell from su -)');
}
function usernsFinding(p) {
    const who = p.uid === 0 ? 'for the user-namespace step (it runs unprivileged even as root)' : 'for rootless mode and the user-namespace step';
    if (p.userns)
        return fail(`unprivileged user namespaces are blocked ${who}: ${p.userns.why}`, p.userns.fix);
    const failed = usernsTest(p.uid);
    if (failed)
        return fail(`unprivileged user namespaces ${who}: unshare --user --map-root-user failed: ${failed}`);
    return ok(`unprivileged user namespaces: unshare --user --map-root-user works${p.uid === 0 ? ' (tested as uid 65534)' : ''}`);
}
function cgroupFindings(p) {
    const h = cgroupHierarchies();
    const out = [h.mode === 'none'
            ? fail('cgroups: none mounted', 'mount cgroup2 on /sys/fs/cgroup', true)
            : ok(`cgroups: ${h.mode}${h.mode === 'hybrid' ? ' (v1 controllers, v2 mounted without them)' : ''}`)];
    const d = p.delegation;
    if (d?.ok)
        out.push(ok(`cgroup v2 delegated to uid ${p.uid}: ${d.dir} (${d.controllers.join(' ')})`));
    else if (d)
        out.push(fail(`no cgroup v2 subtree delegated to uid ${p.uid} (the cgroups lesson needs root here): ${d.reason}`, d.fix));
    return out;
}
function overlayFinding(p) {
    if (p.overlay === 'loaded')
        return ok('overlay: in /proc/filesystems');
    if (p.overlay === 'module')
        return ok('overlay: not loaded yet, the kernel loads the module on first mount');
    return fail('overlay: this kernel has no overlay file system (not in /proc/filesystems, no overlay module in /lib/modules)', 'use a kernel built with CONFIG_OVERLAY_FS (every common distribution kernel has it)');
}
function selinuxFinding(p) {
    if (p.selinux === 'off')
        return [];
    return [{ state: 'note', what: `SELinux is ${p.selinux}${p.selinux === 'enforcing' ? ': what its policy denies fails with EACCES in the syscall log' : ''}`,
            fix: p.selinux === 'enforcing' ? 'to see a denial: ausearch -m AVC -ts recent (as root)' : undefined }];
}
function toolFindings() {
    const out = [];
    for (const [tool, pkg] of [['unshare', 'util-linux'], ['nsenter', 'util-linux'], ['setpriv', 'util-linux'], ['ip', 'iproute2'], ['sleep', 'coreutils']]) {
        const path = whichProgram(tool);
        out.push(path ? ok(`${tool}: ${path}`) : fail(`${tool} is missing`, `install ${pkg} (e.g. apt-get install ${pkg})`, true));
    }
    const chain = discoverChain();
    const missing = chain.filter((b) => b.path === null).map((b) => b.name);
    for (const b of chain.filter((x) => x.path !== null))
        out.push(ok(`${b.name} ${b.version ?? '(version unknown)'}: ${b.path}`));
    const docker = chain.find((b) => b.name === 'docker');
    const dockerd = chain.find((b) => b.name === 'dockerd');
    if (docker && dockerd) {
        const used = labDockerCli(docker, dockerd);
        if (used.path !== docker.path)
            out.push(ok(`the chain lessons run ${used.path} ${used.version} (the release of dockerd), not ${docker.path}`));
    }
    if (missing.length)
        out.push(fail(`for the docker → containerd → runc lessons, missing: ${missing.join(', ')}`, installHint(hostOsRelease())));
    const socket = hostDockerSocket();
    if (hostDockerProblem(socket) === null)
        out.push({ state: 'note', what: `a host Docker socket at ${socket}: the lab leaves it alone; --host-docker runs lesson 8 on it` });
    return out;
}
export function findings(p) {
    const node = nodeVersionProblem(process.version);
    return [
        node ? fail(`Node ${process.version} (${process.execPath}): container-lab needs 20 or newer`, nodeInstallLines().join('\n').trim(), true) : ok(`Node ${process.version} (${process.execPath})`),
        ['x64', 'arm64'].includes(process.arch) ? ok(`kernel ${release()}, ${process.arch}`) : fail(`kernel ${release()}, architecture ${process.arch}`, 'container-lab knows the syscall numbers of x64 and arm64 only', true),
        privilegeFinding(p),
        usernsFinding(p),
        ...cgroupFindings(p),
        overlayFinding(p),
        ...selinuxFinding(p),
        ...toolFindings(),
    ];
}
/** How the lessons would run for this user: as root, through sudo when it is installed, else rootless. */
export function doctorMode(p) {
    return p.rootVia === 'root' ? 'root' : p.rootVia === 'sudo' ? 'sudo' : 'rootless';
}
export function doctorReport(lessons, probe = probeHost()) {
    const mode = doctorMode(probe);
    const all = findings(probe);
    const rows = lessonRows(lessons, { mode, hostDocker: null, host: probe });
    const good = !all.some((f) => f.state === 'fail' && f.essential) && rows.every((r) => r.reason === null);
    return { ok: good, mode, findings: all, lessons: rows, probe };
}
/** Exit status 0 when every lesson can run here and nothing essential is missing, else 1. */
export function runDoctor(lessons, style, out, json = false) {
    const report = doctorReport(lessons);
    if (json) {
        const { lessons: rows, ...rest } = report;
        out(JSON.stringify({ ...rest, lessons: rows.map((r) => ({ number: r.number, id: r.lesson.id, available: r.reason === null, reason: r.reason })) }, null, 2));
        return report.ok ? 0 : 1;
    }
    const mark = { ok: style.ok('✓'), fail: style.bad('✗'), note: style.dim('·') };
    for (const f of report.findings) {
        // versions and paths come from the host's programs and environment: shown, not acted on
        out(`${mark[f.state]} ${inert(f.what)}`);
        if (f.state !== 'ok' && f.fix)
            f.fix.split('\n').forEach((line, i) => out(`    ${style.dim(i === 0 ? 'fix:' : '    ')} ${inert(line.trim())}`));
    }
    const blocked = report.lessons.filter((r) => r.reason !== null);
    const how = report.mode === 'root' ? 'as root' : report.mode === 'sudo' ? 'with --sudo' : `as uid ${report.probe.uid}`;
    if (blocked.length === 0)
        out(`${mark.ok} lessons: all ${report.lessons.length} can run here ${how}`);
    else {
        out(`${mark.fail} lessons: ${report.lessons.length - blocked.length} of ${report.lessons.length} can run here ${how}; these cannot:`);
        const byReason = new Map();
        for (const r of blocked)
            byReason.set(r.reason ?? '', [...(byReason.get(r.reason ?? '') ?? []), r]);
        for (const [reason, rows] of byReason) {
            out(`    ${rows.map((r) => `${r.number} ${inert(r.lesson.id)}`).join(', ')}:`);
            out(`        ${inert(reason)}`);
        }
    }
    return report.ok ? 0 : 1;
}
