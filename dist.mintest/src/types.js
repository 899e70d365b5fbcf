// Shared data shapes: lessons, kernel snapshots, syscall-log entries and session state.
/** Namespace kinds as named by the links in /proc/<pid>/ns. */
export const NS_TYPES = ['uts', 'pid', 'mnt', 'net', 'ipc', 'cgroup', 'user', 'time'];
