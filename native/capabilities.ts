// Linux capability numbers and names (capabilities(7), <linux/capability.h>), and Docker's default set: pure data, no kernel call.

/** Index = capability number, CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40). */
export const CAPABILITY_NAMES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL',
  'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT',
  'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE',
  'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG',
  'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
] as const;

export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

/**
 * Docker's default capabilities: moby oci/caps/defaults.go DefaultCapabilities() (the same 14 in
 * Docker 20.10 and 28), in that file's order.
 */
export const DOCKER_DEFAULT_CAPS: readonly CapabilityName[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

/** The number of a capability name (CAP_ prefix optional, any case), or null. */
export function capabilityNumber(name: string): number | null {
  const full = name.toUpperCase().startsWith('CAP_') ? name.toUpperCase() : 'CAP_' + name.toUpperCase();
  const n = (CAPABILITY_NAMES as readonly string[]).indexOf(full);
  return n === -1 ? null : n;
}

/** A capability set as /proc/<pid>/status writes it: 16 hex digits, bit n = capability n. */
export function capMask(numbers: Iterable<number>): bigint {
  let mask = 0n;
  for (const n of numbers) mask |= 1n << BigInt(n);
  return mask;
}
