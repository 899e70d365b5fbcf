// What /proc/<pid>/status says a process may do: its effective capabilities, its seccomp mode, its signal masks.
import type { ProcReader } from './procRead.js';

export interface ProcGuards {
  /** CapEff as the kernel prints it: 16 hex digits */
  capEff: string;
  /** 0 none, 1 strict, 2 filter (proc(5) Seccomp) */
  seccomp: number;
  noNewPrivs: number;
  /** SigBlk, SigIgn, SigCgt: one bit per signal, bit n-1 for signal n */
  sigBlk: bigint;
  sigIgn: bigint;
  sigCgt: bigint;
  /** the PID in each PID namespace, outermost first */
  nsPids: number[];
}

function field(status: string, name: string): string {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status);
  if (!m) throw new Error(`status: no "${name}:" line`);
  return m[1].trim();
}

/** /proc/<pid>/status read once; null when the process is gone. */
export function readGuards(sys: Pick<ProcReader, 'readFile'>, pid: number): ProcGuards | null {
  let status: string;
  try {
    status = sys.readFile(`/proc/${pid}/status`);
  } catch {
    return null;
  }
  const mask = (name: string) => BigInt('0x' + field(status, name));
  return {
    capEff: field(status, 'CapEff'),
    seccomp: Number(field(status, 'Seccomp')),
    noNewPrivs: Number(field(status, 'NoNewPrivs')),
    sigBlk: mask('SigBlk'),
    sigIgn: mask('SigIgn'),
    sigCgt: mask('SigCgt'),
    nsPids: field(status, 'NSpid').split(/\s+/).map(Number),
  };
}

/** Whether signal n's bit is set in a mask. */
export function hasSignal(mask: bigint, signal: number): boolean {
  return ((mask >> BigInt(signal - 1)) & 1n) === 1n;
}
