// The requests a root changer (src/programs/changeRoot.ts) takes on its stdin, and its replies.
import type { SyscallEntry } from '../types.js';

export type RootRequest =
  | { op: 'chroot'; path: string }
  | { op: 'escape'; dir: string }
  | { op: 'pivot'; newRoot: string; putOld: string; procFirst?: boolean }
  | { op: 'run'; argv: string[] }
  /** proc on /proc; with `under`, first a mount namespace of its own, then proc on <under>/proc */
  | { op: 'mountProc'; under?: string }
  | { op: 'exec'; argv: string[] }
  /** before pivot_root: /dev/null bound over each masked path, each read-only path bound onto itself and remounted read-only */
  | { op: 'maskPaths'; under: string; masked: string[]; readonly: string[] }
  /** PR_CAPBSET_DROP for every capability not kept, then capset(2) with only the kept ones (inheritable empty) */
  | { op: 'dropCaps'; keep: number[] }
  | { op: 'noNewPrivs' }
  /** seccomp(2) with a filter that answers EPERM to these syscalls */
  | { op: 'seccomp'; deny: string[] };

export interface RootReply {
  ok: boolean;
  pid: number;
  output: string[];
  log: SyscallEntry[];
  error?: string;
  hint?: string;
  status?: number | null;
  signal?: string | null;
  stdout?: string;
  stderr?: string;
}
