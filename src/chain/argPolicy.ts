// The allow-list for docker and ctr arguments in a lesson: nothing that hands the host to a container.
// Every lesson is held to it, at load time (the action's params schema) and again when the step runs.
import * as z from 'zod';

/** One refused argument: where it is in `args` and the words "docker argument --privileged is refused: why". */
export interface ArgRefusal {
  index: number;
  message: string;
}

const HOST_NS = 'the container would share this namespace with the host';
const WHY: Record<string, string> = {
  '--privileged': 'it gives the container every capability and every host device',
  '--cap-add': 'added capabilities are what a container needs to reach the host',
  '--device': 'it hands a host device to the container',
  '--device-cgroup-rule': 'it lets the container use host devices',
  '--gpus': 'it hands host devices to the container',
  '--security-opt': 'it turns off seccomp, AppArmor or SELinux (only no-new-privileges is allowed)',
  '--cgroup-parent': 'it puts the container in a cgroup of the host instead of the lab\'s',
  '--volumes-from': 'the other container\'s volumes may be the host\'s directories',
  '--volume-driver': 'a volume driver can mount anything of the host',
  '--env-file': 'it reads a file of the host',
  '--label-file': 'it reads a file of the host',
  '--cidfile': 'it writes a file on the host',
  '--runtime': 'another runtime is not the lab\'s runc',
  '--publish': 'it opens a port on the host',
  '--publish-all': 'it opens ports on the host',
  '--link': 'it reaches into another container',
  '--log-driver': 'a log driver can send the container\'s output off the session',
  '--log-opt': 'a log driver can send the container\'s output off the session',
  '--storage-opt': 'it changes the daemon\'s storage of the host',
  '--oom-score-adj': 'it changes which of the host\'s processes the OOM killer takes first',
  '--sysctl': 'kernel settings are not part of any lesson\'s allow-list',
};

/** docker run/create options a lesson may give; true = takes a value. */
const DOCKER_RUN: Record<string, boolean> = {
  '-d': false, '--detach': false, '-i': false, '--interactive': false, '-t': false, '--tty': false, '--rm': false,
  '--init': false, '--read-only': false, '--no-healthcheck': false,
  '--name': true, '-e': true, '--env': true, '-l': true, '--label': true, '-w': true, '--workdir': true,
  '-u': true, '--user': true, '--entrypoint': true, '-h': true, '--hostname': true, '--domainname': true,
  '-m': true, '--memory': true, '--memory-swap': true, '--memory-reservation': true, '--cpus': true,
  '-c': true, '--cpu-shares': true, '--cpu-quota': true, '--cpu-period': true, '--cpuset-cpus': true,
  '--pids-limit': true, '--stop-signal': true, '--stop-timeout': true, '--restart': true, '--tmpfs': true,
  '--ulimit': true, '--shm-size': true, '--platform': true, '--pull': true, '--add-host': true, '--dns': true,
  '--expose': true, '--cap-drop': true, '--network': true, '--net': true, '--pid': true, '--ipc': true,
  '--uts': true, '--userns': true, '--cgroupns': true, '-v': true, '--volume': true, '--mount': true,
  '--security-opt': true,
};

/** docker subcommands a lesson may run, and for each the options that are refused (with a value or not). */
const DOCKER_SUBCOMMANDS = new Set([
  'version', 'info', 'ps', 'images', 'inspect', 'run', 'create', 'start', 'stop', 'restart', 'kill', 'wait',
  'rm', 'logs', 'top', 'stats', 'pause', 'unpause', 'rename', 'port', 'diff', 'history', 'exec', 'tag', 'rmi',
  'pull', 'commit', 'events', 'container', 'image', 'volume', 'network', 'system',
]);
const WHY_SUBCOMMAND: Record<string, string> = {
  cp: 'it copies to and from the host\'s files', build: 'it reads a directory of the host',
  save: 'it writes a file on the host', export: 'it writes a file on the host', load: 'it reads a file of the host',
  import: 'it reads a file of the host', plugin: 'a plugin can be given any privilege', context: 'it points docker at another daemon',
  swarm: 'not part of the lab', service: 'not part of the lab', update: 'not part of the lab',
};
/** `docker image ls`, `docker container ls`: the sub-subcommands allowed after container, image, volume, network, system. */
const NESTED: Record<string, Set<string>> = {
  container: new Set(['ls', 'list', 'ps', 'inspect', 'run', 'create', 'start', 'stop', 'restart', 'kill', 'wait', 'rm', 'logs', 'top', 'stats', 'pause', 'unpause', 'rename', 'port', 'diff', 'exec', 'commit', 'prune']),
  image: new Set(['ls', 'list', 'inspect', 'history', 'rm', 'tag', 'pull', 'prune']),
  volume: new Set(['ls', 'list', 'inspect', 'rm', 'create', 'prune']),
  network: new Set(['ls', 'list', 'inspect']),
  system: new Set(['info', 'df', 'events']),
};

const HOST_PATH = /^[/.~]/;
const NAMED_VOLUME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function refused(tool: string, arg: string, why: string): string {
  return `${tool} argument ${arg} is refused: ${why}`;
}

/** -v/--volume: a named volume or an anonymous one, never a host path. */
function volumeProblem(value: string): string | null {
  const parts = value.split(':');
  if (parts.length === 1) return HOST_PATH.test(value) && !value.startsWith('/') ? 'a volume needs a path in the container' : null;
  return NAMED_VOLUME.test(parts[0]) ? null : `${parts[0]} is a host path: a bind mount hands the host's files to the container (a named volume is fine: -v name:/path)`;
}

/** --mount: type=volume without driver options, or type=tmpfs. */
function mountProblem(value: string): string | null {
  const fields = new Map(value.split(',').map((kv) => {
    const i = kv.indexOf('=');
    return [i < 0 ? kv : kv.slice(0, i), i < 0 ? '' : kv.slice(i + 1)] as const;
  }));
  const type = fields.get('type') ?? 'volume';
  if (type === 'tmpfs') return null;
  if (type !== 'volume') return `type=${type} hands the host's files to the container (type=volume with a name, or tmpfs, is fine)`;
  for (const key of fields.keys()) {
    if (key.startsWith('volume-opt') || key === 'volume-driver') return `${key} can make a volume that is a host directory`;
  }
  const source = fields.get('source') ?? fields.get('src');
  return source === undefined || NAMED_VOLUME.test(source) ? null : `source ${source} is a host path`;
}

/** --network and the other namespace options: the container keeps namespaces of its own. */
function namespaceProblem(option: string, value: string): string | null {
  if (value === 'host') return HOST_NS;
  if (value.startsWith('container:')) return 'it joins another container\'s namespace, which may not be the lab\'s';
  if (option === '--network' || option === '--net') return value === 'none' ? null : `only --network none is allowed (the lab's dockerd has no bridge; the host's would reach the host's network)`;
  return null;
}

function dockerValueProblem(option: string, value: string): string | null {
  switch (option) {
    case '-v': case '--volume': return volumeProblem(value);
    case '--mount': return mountProblem(value);
    case '--network': case '--net': case '--pid': case '--ipc': case '--uts': case '--userns': case '--cgroupns':
      return namespaceProblem(option, value);
    case '--security-opt': return /^no-new-privileges(=true|:true)?$/.test(value) ? null : WHY['--security-opt'];
    default: return null;
  }
}

/** The options of docker run/create (or exec) up to the image: each allowed, its value checked. */
function dockerRunOptions(args: string[], from: number, exec: boolean): ArgRefusal | null {
  for (let i = from; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return null;
    if (!arg.startsWith('-') || arg === '-') return null; // the image (or, for exec, the container): the rest is its command
    const eq = arg.indexOf('=');
    const option = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const allowedForExec = exec && ['-d', '--detach', '-i', '--interactive', '-t', '--tty', '-e', '--env', '-u', '--user', '-w', '--workdir'].includes(option);
    if (!(option in DOCKER_RUN) || (exec && !allowedForExec)) {
      if (/^-[a-zA-Z]{2,}$/.test(option) && [...option.slice(1)].every((c) => DOCKER_RUN[`-${c}`] === false)) continue; // -it, -di
      return { index: i, message: refused('docker', option, WHY[option] ?? WHY[option.replace(/^-p$/, '--publish').replace(/^-P$/, '--publish-all')] ?? `it is not on the lab's allow-list of docker ${exec ? 'exec' : 'run'} options`) };
    }
    if (!DOCKER_RUN[option]) continue;
    const inline = eq > 0 && arg.startsWith('--');
    const at = i;
    const value = inline ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) return null; // docker itself says the value is missing
    const why = dockerValueProblem(option, value);
    if (why) return { index: at, message: refused('docker', `${option} ${value}`, why) };
  }
  return null;
}

/** The first docker argument the lab refuses, or null. */
export function dockerArgRefusal(args: readonly string[]): ArgRefusal | null {
  const list = [...args];
  const sub = list[0] ?? '';
  if (sub.startsWith('-')) return { index: 0, message: refused('docker', sub, 'options before the subcommand (-H, --context, --config) point docker elsewhere') };
  if (!DOCKER_SUBCOMMANDS.has(sub)) return { index: 0, message: refused('docker', sub, WHY_SUBCOMMAND[sub] ?? 'it is not on the lab\'s allow-list of docker commands') };
  let verb = sub;
  let at = 1;
  if (NESTED[sub]) {
    const inner = list[1] ?? '';
    if (!NESTED[sub].has(inner)) return { index: 1, message: refused('docker', `${sub} ${inner}`, 'it is not on the lab\'s allow-list of docker commands') };
    verb = inner;
    at = 2;
  }
  if ((verb === 'run' || verb === 'create') && sub !== 'volume') return dockerRunOptions(list, at, false);
  if (verb === 'exec') return dockerRunOptions(list, at, true);
  if (sub === 'volume' && verb === 'create') {
    const i = list.findIndex((a, j) => j >= at && /^(-o|--opt|-d|--driver)(=|$)/.test(a));
    if (i >= 0) return { index: i, message: refused('docker', list[i], 'volume driver options can make a volume that is a host directory') };
  }
  const i = list.findIndex((a, j) => j >= at && /^(-o|--output|-i|--input|--privileged)(=|$)/.test(a));
  return i < 0 ? null : { index: i, message: refused('docker', list[i], 'it reads or writes a file of the host, or gives privileges') };
}

/** ctr commands a lesson may use (the first word, and for the nested ones the second). */
const CTR_NESTED: Record<string, Set<string> | null> = {
  version: null, events: null, info: null, run: null,
  namespaces: new Set(['ls', 'list', 'create', 'remove', 'rm']), ns: new Set(['ls', 'list', 'create', 'remove', 'rm']),
  containers: new Set(['ls', 'list', 'info', 'rm', 'delete', 'del', 'label']), c: new Set(['ls', 'list', 'info', 'rm', 'delete', 'del', 'label']), container: new Set(['ls', 'list', 'info', 'rm', 'delete', 'del', 'label']),
  tasks: new Set(['ls', 'list', 'ps', 'kill', 'delete', 'rm', 'pause', 'resume', 'metrics']), t: new Set(['ls', 'list', 'ps', 'kill', 'delete', 'rm', 'pause', 'resume', 'metrics']), task: new Set(['ls', 'list', 'ps', 'kill', 'delete', 'rm', 'pause', 'resume', 'metrics']),
  images: new Set(['ls', 'list', 'check', 'rm', 'remove', 'tag', 'pull', 'label']), i: new Set(['ls', 'list', 'check', 'rm', 'remove', 'tag', 'pull', 'label']), image: new Set(['ls', 'list', 'check', 'rm', 'remove', 'tag', 'pull', 'label']),
  snapshots: new Set(['ls', 'list', 'info', 'tree', 'usage']), plugins: new Set(['ls', 'list']),
};
/** ctr run options a lesson may give; true = takes a value. The lab adds --cgroup, --runc-root and --fifo-dir itself. */
const CTR_RUN: Record<string, boolean> = {
  '-d': false, '--detach': false, '--rm': false, '-t': false, '--tty': false, '--read-only': false, '--null-io': false,
  '--seccomp': false, '--apparmor-default-profile': true, '--env': true, '--label': true, '--cwd': true,
  '-u': true, '--user': true, '--memory-limit': true, '--cpus': true, '--cpu-quota': true, '--cpu-period': true,
  '--cpu-shares': true, '--snapshotter': true, '--platform': true, '--hostname': true, '--annotation': true,
};
const CTR_WHY: Record<string, string> = {
  '--privileged': 'it gives the container every capability and every host device',
  '--privileged-without-host-devices': 'it gives the container every capability',
  '--net-host': 'it shares the host\'s network namespace',
  '--with-ns': 'it puts the container in a namespace of another process, the host\'s too',
  '--mount': 'it mounts a directory of the host in the container',
  '--cap-add': 'added capabilities are what a container needs to reach the host',
  '--device': 'it hands a host device to the container',
  '--rootfs': 'it runs a directory of the host as the container\'s root',
  '--config': 'it takes the container\'s whole OCI spec from a file of the host', '-c': 'it takes the container\'s whole OCI spec from a file of the host',
  '--cgroup': 'the lab puts the container in its own cgroup', '--runc-root': 'the lab keeps runc\'s state in the session', '--fifo-dir': 'the lab keeps the FIFOs in the session',
  '--log-uri': 'a binary:// log URI runs a program of the host', '--runtime': 'another runtime is not the lab\'s runc', '--runc-binary': 'another runtime is not the lab\'s runc',
  '--seccomp-profile': 'it replaces the seccomp profile with a file of the host', '--apparmor-profile': 'it names another AppArmor profile',
  '--allow-new-privs': 'it lets setuid programs gain privileges', '--pid-file': 'it writes a file on the host', '--env-file': 'it reads a file of the host',
  '--cni': 'it wires the container into the host\'s network', '--gpus': 'it hands host devices to the container', '--rootfs-propagation': 'it shares mounts with the host',
};

/** The first ctr argument the lab refuses, or null. */
export function ctrArgRefusal(args: readonly string[]): ArgRefusal | null {
  const sub = args[0] ?? '';
  if (sub.startsWith('-')) return { index: 0, message: refused('ctr', sub, 'options before the command (--address, --namespace) point ctr elsewhere; use the step\'s namespace') };
  if (!(sub in CTR_NESTED)) {
    const why = sub === 'install' ? 'it installs programs on the host' : /^(content|leases|shim|oci|sandboxes?)$/.test(sub) ? 'not part of the lab' : 'it is not on the lab\'s allow-list of ctr commands';
    return { index: 0, message: refused('ctr', sub, why) };
  }
  const nested = CTR_NESTED[sub];
  if (nested && !nested.has(args[1] ?? '')) {
    const inner = args[1] ?? '';
    const why = /^(import|export|mount|unmount|push)$/.test(inner) ? 'it reads, writes or mounts files of the host' : 'it is not on the lab\'s allow-list of ctr commands';
    return { index: 1, message: refused('ctr', `${sub} ${inner}`, why) };
  }
  if (sub !== 'run') return null;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) return null; // the image: then the id and the command
    const eq = arg.indexOf('=');
    const option = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(option in CTR_RUN)) return { index: i, message: refused('ctr', option, CTR_WHY[option] ?? 'it is not on the lab\'s allow-list of ctr run options') };
    if (CTR_RUN[option] && eq < 0) i++;
  }
  return null;
}

/** A schema check: each refused argument is an issue on its index, its message said as it is. */
function refining(refusal: (args: readonly string[]) => ArgRefusal | null) {
  return (args: readonly string[], ctx: z.RefinementCtx) => {
    const r = refusal(args);
    if (r) ctx.addIssue({ code: 'custom', path: [r.index], message: r.message, params: { plain: true } });
  };
}

/** docker's `args`, the allow-list applied: the same schema the loader and the action use. */
export const dockerArgs = z.array(z.string().min(1)).min(1).superRefine(refining(dockerArgRefusal));
/** ctr's `args`, the allow-list applied. */
export const ctrArgs = z.array(z.string().min(1)).min(1).superRefine(refining(ctrArgRefusal));

/** The same allow-list when the step runs: a refused argument stops it before the CLI starts. */
export function refuseArgs(schema: z.ZodType<string[]>, args: string[]): string | null {
  const result = schema.safeParse(args);
  return result.success ? null : result.error.issues[0]?.message ?? 'arguments refused';
}
