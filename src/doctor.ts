// `container-lab doctor`: what this host can do for the lab, and how to fix what it can't.
import { readFileSync } from 'node:fs';
import { release } from 'node:os';
import { nodeVersionProblem } from './nodeVersion.js';
import { whichProgram } from '../native/findProgram.js';
import { cgroupHierarchies } from './cgroup/session.js';
import { rootlessWorks } from './privilege.js';
import type { TranscriptStyle } from './lesson/transcript.js';
import { hostDockerProblem, hostDockerSocket } from './chain/hostDockerOption.js';
import { discoverChain, labDockerCli } from './chain/discover.js';
import { hostOsRelease, installHint } from './chain/installHint.js';
import { inert } from './format/inert.js';

interface Finding { ok: boolean; what: string; fix?: string; essential?: boolean }

function filesystems(): string {
  try {
    return readFileSync('/proc/filesystems', 'utf8');
  } catch {
    return '';
  }
}

export function findings(): Finding[] {
  const out: Finding[] = [];
  const euid = process.geteuid?.() ?? 0;
  const node = nodeVersionProblem(process.version);
  out.push({ ok: node === null, what: `kernel ${release()}, Node ${process.version}, ${process.arch}`, fix: node?.split('\n')[1], essential: true });
  out.push({ ok: ['x64', 'arm64'].includes(process.arch), what: `architecture ${process.arch}`, fix: 'container-lab knows the syscall numbers of x64 and arm64 only', essential: true });
  out.push(euid === 0
    ? { ok: true, what: 'running as root: every lesson is available' }
    : { ok: whichProgram('sudo') !== null, what: `running as uid ${euid}: lessons marked "needs root" need sudo`, fix: 'install sudo, or run container-lab as root' });
  const userns = rootlessWorks();
  out.push({ ok: userns.ok, what: 'unprivileged user namespaces (rootless mode)', fix: userns.why });
  const h = cgroupHierarchies();
  out.push({ ok: h.mode !== 'none', what: `cgroups: ${h.mode}${h.mode === 'hybrid' ? ' (v1 controllers, v2 mounted without them)' : ''}`, fix: 'mount cgroup2 on /sys/fs/cgroup' });
  const fs = filesystems();
  out.push({ ok: /\toverlay$/m.test(fs), what: 'overlayfs', fix: 'sudo modprobe overlay' });
  for (const [tool, pkg, essential] of [['unshare', 'util-linux', true], ['nsenter', 'util-linux', true], ['setpriv', 'util-linux', true], ['ip', 'iproute2', true], ['sleep', 'coreutils', true]] as const) {
    const path = whichProgram(tool);
    out.push({ ok: path !== null, what: path ? `${tool}: ${path}` : `${tool} is missing`, fix: `install ${pkg} (e.g. sudo apt-get install ${pkg})`, essential });
  }
  const chain = discoverChain();
  const missing = chain.filter((b) => b.path === null).map((b) => b.name);
  for (const b of chain.filter((x) => x.path !== null)) out.push({ ok: true, what: `${b.name} ${b.version ?? '(version unknown)'}: ${b.path}` });
  const docker = chain.find((b) => b.name === 'docker');
  const dockerd = chain.find((b) => b.name === 'dockerd');
  if (docker && dockerd) {
    const used = labDockerCli(docker, dockerd);
    if (used.path !== docker.path) out.push({ ok: true, what: `the chain lessons run ${used.path} ${used.version} (the release of dockerd), not ${docker.path}` });
  }
  if (missing.length) {
    out.push({ ok: false, what: `for the docker → containerd → runc lessons, missing: ${missing.join(', ')}`, fix: installHint(hostOsRelease()) });
  }
  const socket = hostDockerSocket();
  if (hostDockerProblem(socket) === null) {
    out.push({ ok: true, what: `a host Docker socket at ${socket}: the lab leaves it alone; --host-docker runs lesson 8 on it` });
  }
  return out;
}


export function runDoctor(style: TranscriptStyle, out: (line: string) => void): number {
  const all = findings();
  for (const f of all) {
    // versions and paths come from the host's programs and environment: shown, not acted on
    out(`${f.ok ? style.ok('✓') : style.bad('✗')} ${inert(f.what)}`);
    if (!f.ok && f.fix) out(`    ${style.dim('fix:')} ${inert(f.fix)}`);
  }
  return all.some((f) => !f.ok && f.essential) ? 1 : 0;
}
