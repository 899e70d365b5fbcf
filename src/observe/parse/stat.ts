// Parses /proc/<pid>/stat (proc(5)): the process's name, state, parent and start time, by their proc(5) field names.

/**
 * One stat line. Fields 1–4 are always there; the rest are there on every kernel, but a
 * made-up line in a test may stop early, so they are optional.
 */
export interface ProcStat {
  /** (1) pid */
  pid: number;
  /** (2) comm: the name, up to 15 bytes; it may hold spaces and parentheses itself */
  comm: string;
  /** (3) state: R running, S sleeping, D disk sleep, T stopped, t tracing stop, Z zombie, X dead, I idle */
  state: string;
  /** (4) ppid: 0 when the line has none */
  ppid: number;
  /** (5) pgrp */
  pgrp?: number;
  /** (6) session */
  session?: number;
  /** (7) tty_nr */
  ttyNr?: number;
  /** (8) tpgid */
  tpgid?: number;
  /** (9) flags: PF_* */
  flags?: number;
  /** (10)–(13) minflt, cminflt, majflt, cmajflt */
  minflt?: number;
  cminflt?: number;
  majflt?: number;
  cmajflt?: number;
  /** (14)–(17) utime, stime, cutime, cstime: clock ticks */
  utime?: number;
  stime?: number;
  cutime?: number;
  cstime?: number;
  /** (18) priority */
  priority?: number;
  /** (19) nice */
  nice?: number;
  /** (20) num_threads */
  numThreads?: number;
  /** (21) itrealvalue: always 0 since 2.6.17 */
  itrealvalue?: number;
  /** (22) starttime: clock ticks after boot; with the PID it names one process for good */
  starttime?: number;
  /** (23) vsize: bytes */
  vsize?: number;
  /** (24) rss: pages */
  rss?: number;
}

/** The numeric fields after `state`, in proc(5)'s order (field 4 onwards). */
const AFTER_STATE = [
  'ppid',
  'pgrp',
  'session',
  'ttyNr',
  'tpgid',
  'flags',
  'minflt',
  'cminflt',
  'majflt',
  'cmajflt',
  'utime',
  'stime',
  'cutime',
  'cstime',
  'priority',
  'nice',
  'numThreads',
  'itrealvalue',
  'starttime',
  'vsize',
  'rss',
] as const;

/**
 * "1234 (runc:[2:INIT]) S 1200 …". The name sits between the first "(" and the LAST ")": a
 * process can name itself "a) b (c" (prctl(PR_SET_NAME)), so no other ")" can be trusted. Null
 * for text that is not a stat line.
 */
export function parseProcStat(text: string): ProcStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close < open) return null;
  const rest = text.slice(close + 2).trim().split(' ');
  const out: ProcStat = { pid: Number(text.slice(0, open).trim()), comm: text.slice(open + 1, close), state: rest[0] ?? '', ppid: 0 };
  AFTER_STATE.forEach((name, i) => {
    const n = Number(rest[i + 1]);
    if (rest[i + 1] !== undefined && Number.isInteger(n)) out[name] = n;
  });
  return out;
}

/** Z (zombie) and X (dead) have exited, whatever /proc still shows of them. */
export function hasExited(stat: Pick<ProcStat, 'state'>): boolean {
  return stat.state === 'Z' || stat.state === 'X';
}
