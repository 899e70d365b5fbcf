// Live panel: the container's cgroup files under their real names, each raw value next to what it means.
import { Box } from 'ink';
import type { CgroupFile } from '../../types.js';
import { elideMiddle } from '../../format/elide.js';
import { PanelTitle } from '../PanelTitle.js';
import { segWidth, type Seg } from '../../format/seg.js';
import { SegLine } from './SegLine.js';

export type Alert = 'red' | 'yellow' | null;

/**
 * What one file says, ready to draw: the raw value (keyed files as `key value` pairs, the
 * telling pairs coloured), a shorter form for narrow panels, and notes computed only from
 * values the panel shows.
 */
export interface CgroupRow {
  file: CgroupFile;
  value: Seg[];
  /** shorter forms of a keyed file's value, tried in order when the whole value does not fit */
  short: Seg[][];
  /** the file's meaning, then what the value works out to: "memory limit", "32.0 MiB" */
  notes: string[];
  alert: Alert;
  /** usage ÷ limit for a usage file whose limit file is shown too */
  fraction?: number;
}

/*
 * v1 reports "no limit" as the largest page count in bytes (9223372036854771712); v2 writes
 * "max". No machine has 4 EiB, so any byte count this large is the sentinel.
 */
const UNLIMITED_BYTES = 2n ** 62n;

const V2_BYTE_FILES = new Set([
  'memory.max',
  'memory.high',
  'memory.low',
  'memory.min',
  'memory.current',
  'memory.peak',
  'memory.swap.max',
  'memory.swap.high',
  'memory.swap.current',
  'memory.swap.peak',
  'memory.zswap.max',
  'memory.zswap.current',
]);

/** Usage files and the limit file their share is computed against (v2 and v1 names). */
const LIMIT_OF: Record<string, string> = {
  'memory.current': 'memory.max',
  'memory.swap.current': 'memory.swap.max',
  'memory.usage_in_bytes': 'memory.limit_in_bytes',
  'memory.memsw.usage_in_bytes': 'memory.memsw.limit_in_bytes',
};

/** Keyed files: the pairs worth keeping when the whole value does not fit. */
const FOCUS_KEYS: Record<string, string[]> = {
  'memory.events': ['max', 'oom', 'oom_kill'],
  'memory.events.local': ['max', 'oom', 'oom_kill'],
  'memory.oom_control': ['under_oom', 'oom_kill'],
  'cpu.stat': ['nr_periods', 'nr_throttled', 'throttled_usec', 'throttled_time'],
  'pids.events': ['max'],
};

/** Which files stay on screen first when there is no room for all (after any alerting one). */
const PRIORITY = [
  ['memory.max', 'memory.limit_in_bytes'],
  ['memory.current', 'memory.usage_in_bytes'],
  ['memory.events', 'memory.oom_control'],
  ['cpu.max', 'cpu.cfs_quota_us'],
  ['cpu.stat'],
  ['pids.max'],
  ['pids.current'],
  ['pids.events', 'memory.failcnt'],
];

export function isByteFile(name: string): boolean {
  return V2_BYTE_FILES.has(name) || /_in_bytes$/.test(name);
}

/** `32.0 MiB`; below 1 KiB in bytes. */
export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** A byte count as read: Infinity for no limit ("max" or v1's sentinel), null when it is not a count. */
export function parseBytes(value: string): number | null {
  const v = value.trim();
  if (v === 'max') return Infinity;
  if (!/^\d+$/.test(v)) return null;
  return BigInt(v) >= UNLIMITED_BYTES ? Infinity : Number(v);
}

/** `key value` lines as pairs, or null when the text is not made of them. */
export function parsePairs(value: string): Array<[string, string]> | null {
  const lines = value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length === 0) return null;
  const out: Array<[string, string]> = [];
  for (const l of lines) {
    const m = /^(\S+)\s+(\S+)$/.exec(l);
    if (!m) return null;
    out.push([m[1], m[2]]);
  }
  return out;
}

const int = (s: string | undefined): number | null => (s !== undefined && /^-?\d+$/.test(s.trim()) ? Number(s.trim()) : null);
const trim1 = (x: number): string => String(parseFloat(x.toFixed(1)));

/** `345.7 ms`, `2.35 s` */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${trim1(ms)} ms` : `${String(parseFloat((ms / 1000).toFixed(2)))} s`;
}

/** A CPU quota as a share: `20% of a CPU`, `1.5 CPUs`. */
export function cpuShare(quota: number, period: number): string {
  const f = quota / period;
  if (f < 1) return `${trim1(f * 100)}% of a CPU`;
  return f === 1 ? '1 CPU' : `${trim1(f)} CPUs`;
}

function pairAlert(file: string, key: string, n: number): Alert {
  if (n <= 0) return null;
  if (file === 'memory.events' || file === 'memory.events.local' || file === 'memory.oom_control') {
    if (key === 'oom_kill' || key === 'oom' || key === 'under_oom' || key === 'oom_group_kill') return 'red';
    if (key === 'max') return 'yellow';
  }
  if (file === 'cpu.stat' && key === 'nr_throttled') return 'yellow';
  if (file === 'pids.events' && key === 'max') return 'red';
  return null;
}

const worse = (a: Alert, b: Alert): Alert => (a === 'red' || b === 'red' ? 'red' : a ?? b);

function pairSegs(name: string, pairs: Array<[string, string]>): { segs: Seg[]; alert: Alert } {
  const segs: Seg[] = [];
  let alert: Alert = null;
  pairs.forEach(([k, v], i) => {
    const a = pairAlert(name, k, int(v) ?? 0);
    alert = worse(alert, a);
    if (i > 0) segs.push({ text: ' ' });
    if (a) segs.push({ text: `${k} ${v}`, color: a, bold: true });
    else segs.push({ text: `${k} `, dim: true }, { text: v });
  });
  return { segs, alert };
}

/** Reads one file's value, with the other files of the same cgroup for limits and periods. */
export function describeCgroupFile(file: CgroupFile, all: CgroupFile[]): CgroupRow {
  const byName = (n: string): string | undefined => all.find((f) => f.name === n)?.value;
  const name = file.name;
  const raw = file.value.trim();
  const notes: string[] = file.meaning ? [file.meaning] : [];
  let alert: Alert = null;
  let value: Seg[] = [{ text: raw.replace(/\s*\n\s*/g, ' ') }];
  const short: Seg[][] = [];
  let fraction: number | undefined;

  const pairs = FOCUS_KEYS[name] !== undefined || raw.includes('\n') ? parsePairs(raw) : null;
  if (pairs) {
    const full = pairSegs(name, pairs);
    value = full.segs;
    alert = full.alert;
    // shorter forms keep whole pairs, as read, and say that some were left out
    const keep = FOCUS_KEYS[name] ?? [];
    const alerting = pairs.filter(([k, v]) => pairAlert(name, k, int(v) ?? 0) !== null);
    const focus = pairs.filter(([k, v]) => keep.includes(k) || pairAlert(name, k, int(v) ?? 0) !== null);
    for (const kept of [focus, alerting]) {
      if (kept.length > 0 && kept.length < pairs.length) short.push([...pairSegs(name, kept).segs, { text: ' …', dim: true }]);
    }
    const get = (k: string): number | null => int(pairs.find(([key]) => key === k)?.[1]);
    if (name === 'cpu.stat') {
      const periods = get('nr_periods');
      const throttled = get('nr_throttled');
      if (periods !== null && throttled !== null && periods > 0) notes.push(`${throttled} of ${periods} periods`);
      const usec = get('throttled_usec');
      const nsec = get('throttled_time');
      if (usec !== null && usec > 0) notes.push(`${formatMs(usec / 1000)} throttled`);
      else if (nsec !== null && nsec > 0) notes.push(`${formatMs(nsec / 1e6)} throttled`);
    }
  } else if (isByteFile(name)) {
    const bytes = parseBytes(raw);
    if (bytes === Infinity) notes.push('no limit');
    else if (bytes !== null) {
      notes.push(humanBytes(bytes));
      const limitName = LIMIT_OF[name];
      const limit = limitName ? parseBytes(byName(limitName) ?? '') : null;
      if (limit !== null && limit !== Infinity && limit > 0) {
        fraction = bytes / limit;
        notes.push(`${Math.round(fraction * 100)}% of ${limitName}`);
        if (fraction >= 0.9) alert = 'yellow';
      }
    }
  } else if (name === 'cpu.max') {
    const [q, p] = raw.split(/\s+/);
    const quota = int(q);
    const period = int(p);
    if (q === 'max') notes.push('no limit');
    else if (quota !== null && period !== null && period > 0) {
      notes.push(cpuShare(quota, period), `${formatMs(quota / 1000)} every ${formatMs(period / 1000)}`);
    }
  } else if (name === 'cpu.cfs_quota_us') {
    const quota = int(raw);
    const period = int(byName('cpu.cfs_period_us'));
    if (quota !== null && quota < 0) notes.push('no limit');
    else if (quota !== null && period !== null && period > 0) {
      notes.push(cpuShare(quota, period), `${formatMs(quota / 1000)} every ${formatMs(period / 1000)}`);
    } else if (quota !== null) notes.push(`${formatMs(quota / 1000)} per period`);
  } else if (name === 'cpu.cfs_period_us') {
    const period = int(raw);
    if (period !== null) notes.push(formatMs(period / 1000));
  } else if (name === 'cpuacct.usage') {
    const ns = int(raw);
    if (ns !== null) notes.push(formatMs(ns / 1e6));
  } else if (name === 'pids.max') {
    if (raw === 'max') notes.push('no limit');
  } else if (name === 'pids.current') {
    const cur = int(raw);
    const max = int(byName('pids.max'));
    if (cur !== null && max !== null && cur >= max) {
      alert = 'yellow';
      notes.push('at pids.max: fork fails with EAGAIN');
    }
  } else if (name === 'memory.failcnt') {
    if ((int(raw) ?? 0) > 0) alert = 'yellow';
  }
  if (alert && !pairs) value = value.map((s) => ({ ...s, color: alert ?? undefined, bold: true }));
  return { file, value, short, notes, alert, fraction };
}

export function cgroupPanelWant(files: CgroupFile[] | undefined): number {
  return files && files.length > 0 ? 1 + files.length : 0;
}

/**
 * The rows to show in `room` lines, in file order: the limits and their counters first (an
 * alert on them shows in their row), then other files that alert, then the rest.
 */
export function pickCgroupRows(rows: CgroupRow[], room: number): CgroupRow[] {
  if (rows.length <= room) return rows;
  const rank = (r: CgroupRow): number => {
    const p = PRIORITY.findIndex((names) => names.includes(r.file.name));
    if (p >= 0) return p;
    return r.alert ? PRIORITY.length : PRIORITY.length + 1;
  };
  const chosen = rows
    .map((r, i) => ({ r, i, k: rank(r) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .slice(0, Math.max(0, room))
    .sort((a, b) => a.i - b.i);
  return chosen.map((c) => c.r);
}

/**
 * The cgroup directories, short: one directory as it is; one per v1 hierarchy with the same
 * name as `/sys/fs/cgroup/*\/container-lab-1a2b · 3 hierarchies`.
 */
export function cgroupDirNote(dirs: string[], room: number): string {
  const unique = [...new Set(dirs.filter((d) => d.length > 0))];
  if (unique.length === 0) return '';
  if (unique.length === 1) return elideMiddle(unique[0], Math.max(8, room));
  const parts = unique.map((d) => d.split('/'));
  let head = 0;
  while (parts.every((p) => p[head] !== undefined && p[head] === parts[0][head])) head++;
  let tail = 0;
  const at = (p: string[], k: number): string | undefined => p[p.length - 1 - k];
  while (tail < parts[0].length - head && parts.every((p) => p.length - tail > head && at(p, tail) === at(parts[0], tail))) tail++;
  const count = ` · ${unique.length} hierarchies`;
  const pattern =
    tail > 0
      ? [...parts[0].slice(0, head), '*', ...parts[0].slice(parts[0].length - tail)].join('/')
      : `${unique[0]} +${unique.length - 1} more`;
  return elideMiddle(pattern, Math.max(8, room - count.length)) + count;
}

/** One row as pieces: padded name, raw value, notes in brackets, and the usage bar when it fits. */
export function cgroupRowSegs(row: CgroupRow, nameWidth: number, width: number): Seg[] {
  const head: Seg = {
    text: row.file.name.padEnd(nameWidth) + '  ',
    color: row.alert ?? undefined,
    bold: row.alert !== null,
  };
  const note: Seg[] = row.notes.length > 0 ? [{ text: `  (${row.notes.join(', ')})`, dim: row.alert === null }] : [];
  // the whole value when the line fits; else the first form that leaves the file's meaning visible
  let segs = [head, ...row.value, ...note];
  if (segWidth(segs) > width && row.short.length > 0) {
    const meaning = row.file.meaning && row.notes[0] === row.file.meaning ? 4 + [...row.file.meaning].length : 0;
    const forms = [row.value, ...row.short];
    const value = forms.find((v) => segWidth([head, ...v]) + meaning <= width) ?? forms[forms.length - 1];
    segs = [head, ...value, ...note];
  }
  if (row.fraction !== undefined) {
    const cells = 10;
    const full = Math.max(0, Math.min(cells, Math.round(row.fraction * cells)));
    const bar: Seg[] = [
      { text: '  ' },
      { text: '█'.repeat(full), color: row.fraction >= 0.9 ? 'red' : row.fraction >= 0.75 ? 'yellow' : 'green' },
      { text: '░'.repeat(cells - full), dim: true },
    ];
    if (segWidth(segs) + segWidth(bar) <= width) segs = [...segs, ...bar];
  }
  return segs;
}

export interface CgroupPanelProps {
  files: CgroupFile[] | undefined;
  width: number;
  height: number;
}

export function CgroupPanel({ files, width, height }: CgroupPanelProps) {
  if (height <= 0 || !files || files.length === 0) return null;
  const rows = files.map((f) => describeCgroupFile(f, files));
  const shown = pickCgroupRows(rows, height - 1);
  const more = rows.length - shown.length;
  const moreText = more > 0 ? ` · +${more} more` : '';
  const title = 'cgroup';
  const dirNote = cgroupDirNote(
    files.map((f) => f.dir),
    width - title.length - 3 - moreText.length,
  );
  const nameWidth = Math.min(28, Math.max(...shown.map((r) => r.file.name.length)));
  return (
    <Box flexDirection="column" width={width}>
      <PanelTitle title={title} note={`${dirNote}${moreText}`} width={width} color={rows.some((r) => r.alert === 'red') ? 'red' : 'cyan'} />
      {shown.map((r) => (
        <SegLine key={r.file.dir + r.file.name} segs={cgroupRowSegs(r, nameWidth, width)} />
      ))}
    </Box>
  );
}
