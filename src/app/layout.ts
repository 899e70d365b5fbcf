// Screen geometry: column split by terminal width and line budgets for the stacked sections.

/** At this many columns and more the lesson screen uses two columns (slide | live panels). */
export const TWO_COLUMN_MIN = 100;

export interface Columns {
  twoColumns: boolean;
  /** width of the left column (the whole width when stacked) */
  left: number;
  /** width of the right column (the whole width when stacked) */
  right: number;
  /** columns between the two */
  gap: number;
}

export function splitColumns(columns: number): Columns {
  const width = Math.max(20, Math.floor(columns));
  if (width < TWO_COLUMN_MIN) return { twoColumns: false, left: width, right: width, gap: 0 };
  const gap = 2;
  const left = Math.floor((width - gap) * 0.44);
  return { twoColumns: true, left, right: width - gap - left, gap };
}

/** A section that wants `want` lines and is useless below `min`; listed in priority order. */
export interface SectionNeed {
  key: string;
  min: number;
  want: number;
  /** lines handed out per round when sharing spare lines (default 1) */
  weight?: number;
}

/**
 * Share `total` lines between sections. In priority order each gets its minimum if that still
 * fits (otherwise nothing); spare lines then go round the sections, `weight` at a time, up to
 * what each wants. The result never sums to more than `total`.
 */
export function allocate(total: number, sections: SectionNeed[]): Record<string, number> {
  const out: Record<string, number> = {};
  let left = Math.max(0, Math.floor(total));
  const live: SectionNeed[] = [];
  for (const s of sections) {
    const want = Math.max(0, Math.floor(s.want));
    const min = Math.min(Math.max(0, Math.floor(s.min)), want);
    if (want === 0 || min > left) {
      out[s.key] = 0;
      continue;
    }
    out[s.key] = min;
    left -= min;
    live.push({ ...s, want });
  }
  let grew = true;
  while (left > 0 && grew) {
    grew = false;
    for (const s of live) {
      const room = s.want - out[s.key];
      const add = Math.min(room, left, Math.max(1, Math.floor(s.weight ?? 1)));
      if (add > 0) {
        out[s.key] += add;
        left -= add;
        grew = true;
      }
    }
  }
  return out;
}

// ── the lesson screen ──

/** Lines the live panels want, and the least each is useful at, as the panels work them out. */
export interface PanelNeeds {
  syscalls: number;
  chain: number;
  /** lines that show the chain step's own section whole (its hop bars packed) */
  chainMin: number;
  /** lines of that section alone (title and body, packed): what the chain panel keeps, stacked, while other panels give way */
  chainOwn: number;
  cgroup: number;
  layers: number;
  layersMin: number;
  namespaces: number;
  checks: number;
  processes: number;
  mounts: number;
  output: number;
}

export interface LessonNeeds {
  columns: number;
  rows: number;
  /** lines above and below the body besides the header and footer: error box, key error, notice */
  chrome: number;
  /** how many steps the lesson has */
  steps: number;
  /** lines of slide text (at least; a huge slide is rendered only as far as it is read) */
  slideLines: number;
  stepError: { min: number; want: number };
  /** the task box under the slide (the step's tasks, --mode workshop or study); none: 0 */
  task?: { min: number; want: number };
  /** the learner is reading: the slide comes first, the panels fold to one line when they are in its way */
  reading: boolean;
  panels: PanelNeeds;
  /** this panel has all the panels' room (the right column, or the whole body when stacked) */
  zoom?: PanelKey | null;
}

export type SectionKey =
  | 'next'
  | 'stepError'
  | 'task'
  | 'steps'
  | 'slide'
  | 'summary'
  | 'syscalls'
  | 'chain'
  | 'cgroup'
  | 'layers'
  | 'namespaces'
  | 'checks'
  | 'processes'
  | 'mounts'
  | 'output';

export interface LessonLayout {
  cols: Columns;
  /** lines of the body, between the header (and error lines) and the notice and footer */
  body: number;
  /** lines per section; `slide` counts its heading and its position line */
  h: Record<SectionKey, number>;
  /** the panels are folded into the one summary line */
  folded: boolean;
}

/** Least slide lines (heading, text, position line) while the panels are open on a stacked screen. */
export const SLIDE_MIN_STACKED = 7;

/** Least slide lines on a stacked screen when the step just run's checks and output need room. */
export const SLIDE_MIN_BESIDE_RESULT = 5;

/** Lines the step just run's result keeps at least, stacked: the checks' title and three, the output's title and last line. */
export const RESULT_MIN = { checks: 4, output: 2 } as const;

const PANEL_KEYS = ['syscalls', 'chain', 'cgroup', 'layers', 'namespaces', 'checks', 'processes', 'mounts', 'output'] as const;

export type PanelKey = (typeof PANEL_KEYS)[number];

/** The live panels top to bottom, as the lesson screen draws them. */
export const PANEL_ORDER: readonly PanelKey[] = ['processes', 'chain', 'namespaces', 'cgroup', 'layers', 'mounts', 'syscalls', 'checks', 'output'];

/** The panels the screen has now (they want lines), top to bottom: what the zoom key goes through. */
export function zoomablePanels(p: PanelNeeds): PanelKey[] {
  return PANEL_ORDER.filter((k) => p[k] > 0);
}

/** The panel the zoom key goes to from `current`: the first, the next, then none (the usual layout). */
export function nextZoom(panels: readonly PanelKey[], current: PanelKey | null): PanelKey | null {
  if (current === null) return panels[0] ?? null;
  const i = panels.indexOf(current);
  return i < 0 ? (panels[0] ?? null) : (panels[i + 1] ?? null);
}

function fill(h: Record<string, number>): Record<SectionKey, number> {
  const out = { next: 0, stepError: 0, task: 0, steps: 0, slide: 0, summary: 0 } as Record<SectionKey, number>;
  for (const k of PANEL_KEYS) out[k] = 0;
  return { ...out, ...h };
}

/**
 * Where every line of the lesson screen goes. At 100 columns and more: the slide, the steps and
 * the next action on the left, the panels on the right. Narrower, all stacked: the slide keeps a
 * few lines beside the panels, and while the learner reads (`reading`) a slide longer than that
 * the panels fold to one summary line and the step list to the steps around the current one.
 * Either way the step just run's checks and output's last line have their lines first.
 */
export function lessonLayout(n: LessonNeeds): LessonLayout {
  const cols = splitColumns(n.columns);
  // the whole tree stays below the terminal's height (header, body, footer) so Ink never scrolls
  const total = Math.max(8, Math.floor(n.rows) - 1);
  const body = Math.max(4, total - 2 - n.chrome);
  const p = n.panels;
  const slideWant = 1 + n.slideLines;
  const next: SectionNeed = { key: 'next', min: 1, want: 1 };
  const stepError: SectionNeed = { key: 'stepError', min: n.stepError.min, want: n.stepError.want };
  // an open task is what the learner works on now: its lines come before the slide's and the step list's
  const task: SectionNeed = { key: 'task', min: n.task?.min ?? 0, want: n.task?.want ?? 0, weight: 2 };
  const kernelFocus = p.cgroup > 0 || p.layers > 0 || p.chain > 0;
  // their minimums shrink on a small terminal so they still show (a few lines) rather than drop
  const focusMax = Math.max(3, body - 10);
  const chainMin = Math.min(focusMax, Math.max(cols.twoColumns ? 18 : 6, p.chainMin));
  // The cgroup and layers panels show only once the lesson has made a cgroup or an overlay; then
  // they come right after the syscalls, and the mount table (which lists the overlay mount too)
  // is what gives way: it shares spare lines at a lower weight and, stacked, is served last.
  const panel = {
    syscalls: { key: 'syscalls', min: 3, want: p.syscalls, weight: 2 },
    // the chain lessons' API log, timeline, bars and daemon views: what those lessons are about
    chain: { key: 'chain', min: chainMin, want: p.chain, weight: 4 },
    // title and the seven files a cgroup lesson talks about (limit, usage, events for memory,
    // cpu and pids); fewer when the layers panel needs room too
    cgroup: { key: 'cgroup', min: Math.min(focusMax, p.layers > 0 ? 5 : 8), want: p.cgroup, weight: 2 },
    layers: { key: 'layers', min: Math.min(focusMax, 7, p.layersMin), want: p.layers, weight: 2 },
    namespaces: { key: 'namespaces', min: cols.twoColumns ? 2 : 1, want: p.namespaces },
    // the step just run's result: its checks (✓ or ✗ and their words) and its output's last line
    // come before every other panel, wide or stacked
    checks: { key: 'checks', min: Math.min(p.checks, RESULT_MIN.checks), want: p.checks },
    // in the chain lessons the process tree (daemons, shim, PID 1) is half the story: keep it whole
    processes: { key: 'processes', min: p.chain > 0 ? Math.min(cols.twoColumns ? 8 : 4, p.processes) : 2, want: p.processes },
    mounts: { key: 'mounts', min: 2, want: p.mounts, weight: kernelFocus ? 1 : 2 },
    output: { key: 'output', min: Math.min(p.output, RESULT_MIN.output), want: p.output },
  } satisfies Record<(typeof PANEL_KEYS)[number], SectionNeed>;
  const { checks, output } = panel;

  if (cols.twoColumns) {
    // the panels have their own column: reading only lets the slide take the step list's lines
    const steps: SectionNeed = n.reading ? { key: 'steps', min: Math.min(n.steps, 3), want: Math.min(n.steps, 5) } : { key: 'steps', min: Math.min(n.steps, 3), want: n.steps };
    const left = allocate(body, [next, stepError, task, steps, { key: 'slide', min: 3, want: slideWant, weight: 3 }]);
    const right = n.zoom ? { [n.zoom]: body } : allocate(body, [checks, output, ...PANEL_KEYS.filter((k) => k !== 'checks' && k !== 'output').map((k) => panel[k])]);
    return { cols, body, h: fill({ ...left, ...right }), folded: false };
  }

  // stacked, a zoomed panel has the whole body: the header above and the footer below stay
  if (n.zoom) return { cols, body, h: fill({ [n.zoom]: body }), folded: false };
  // Stacked (a narrow screen), a task takes three lines at least (its title, a line saying how much is
  // left out, its first check) and the slide gives way as far: the panels keep their lines, and p
  // (fold) gives the task and the slide the whole body.
  const taskShown = (n.task?.want ?? 0) > 0;
  // The step just run shows its result first: its checks and its output's last line come right
  // after the task, and the slide gives way as far as they need, down to a few lines (↓ reads it
  // whole, the panels folded). The kernel panels that a lesson is about (chain, cgroup, layers)
  // then keep at least what the body has left for them.
  const result = checks.min + output.min;
  const slideMin = Math.min(slideWant, taskShown ? 3 : Math.max(SLIDE_MIN_BESIDE_RESULT, SLIDE_MIN_STACKED - result), body - 6);
  const stepsMin = Math.min(n.steps, 2);
  const taskMin = Math.min(task.min, 3);
  const above = next.min + stepError.min + taskMin + result + slideMin + stepsMin;
  // On a small screen they come before the syscalls and the namespaces and share what those leave,
  // in this order (a panel left less than 3 lines gets only spare ones); the chain step's own
  // section (every hop, packed) stays whole while the syscalls and namespaces give way.
  let focusRoom = Math.max(3, body - above - (p.syscalls > 0 ? 2 : 0) - (p.namespaces > 0 ? 1 : 0));
  const least = (min: number, floor = 0): number => {
    const got = Math.max(floor, Math.min(min, focusRoom));
    const kept = got >= 3 ? got : 0;
    focusRoom = Math.max(0, focusRoom - kept);
    return kept;
  };
  const chainLeast = p.chain > 0 ? least(panel.chain.min, Math.min(p.chainOwn, body - above)) : 0;
  const cgroupLeast = p.cgroup > 0 ? least(panel.cgroup.min) : 0;
  const layersLeast = p.layers > 0 ? least(panel.layers.min) : 0;
  const open = allocate(body, [
    next,
    stepError,
    { ...task, min: taskMin },
    checks,
    output,
    { key: 'slide', min: slideMin, want: slideWant, weight: 2 },
    { key: 'steps', min: stepsMin, want: n.steps },
    { ...panel.chain, min: chainLeast },
    { ...panel.cgroup, min: cgroupLeast },
    { ...panel.layers, min: layersLeast },
    { ...panel.syscalls, min: 2 },
    panel.namespaces,
    panel.processes,
    panel.mounts,
  ]);
  if (!n.reading || open.slide >= slideWant) return { cols, body, h: fill(open), folded: false };
  const folded = allocate(body, [
    next,
    stepError,
    task,
    { key: 'summary', min: 1, want: 1 },
    { key: 'steps', min: Math.min(n.steps, 2), want: n.steps },
    { key: 'slide', min: 3, want: slideWant, weight: 8 },
  ]);
  return { cols, body, h: fill(folded), folded: true };
}

/** The slide's lines on screen: from `first` (0-based) on, `shown` of them, out of `total`. */
export interface SlideView {
  first: number;
  shown: number;
  total: number;
  /** the slide is longer than its room */
  cut: boolean;
  /** a position line is drawn under the text (a cut slide with at least two lines of room) */
  position: boolean;
}

/**
 * Which slide lines a slide section of `height` lines shows, scrolled to `offset`: a heading, the
 * text, and a position line when the text is longer than the room. The offset is clamped so the
 * last page is full.
 */
export function slideView(total: number, offset: number, height: number): SlideView {
  const all = Math.max(0, Math.floor(total));
  const room = Math.max(0, Math.floor(height) - 1);
  if (all <= room) return { first: 0, shown: all, total: all, cut: false, position: false };
  const position = room >= 2;
  const shown = position ? room - 1 : room;
  const first = Math.max(0, Math.min(Math.floor(offset), all - shown));
  return { first, shown, total: all, cut: true, position };
}

/** The offset a scroll key leads to from `view` (a page keeps one line of the last in sight). */
export function scrolled(view: SlideView, move: 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom'): number {
  const page = Math.max(1, view.shown - 1);
  const last = Math.max(0, view.total - view.shown);
  const to = {
    up: view.first - 1,
    down: view.first + 1,
    pageUp: view.first - page,
    pageDown: view.first + page,
    top: 0,
    bottom: last,
  }[move];
  return Math.max(0, Math.min(last, to));
}

/** `lines 1–12 of 30 ↓`: where the slide is, and which ways it scrolls. */
export function slidePosition(view: SlideView, more = false): string {
  const end = view.first + view.shown;
  const arrows = `${end < view.total || more ? ' ↓' : ''}${view.first > 0 ? ' ↑' : ''}`;
  return `lines ${view.first + 1}–${end} of ${view.total}${more ? '+' : ''}${arrows}`;
}

/**
 * Which steps a list of `height` lines shows: every step when they fit, otherwise a window that
 * holds the steps that matter — the one whose slide is on screen (`view`), the one that ran last
 * (`focus`) and the next (`cursor`) — or, when they lie too far apart, the viewed one.
 * -1 (the introduction) and `count` (past the end) are not steps and are left out.
 */
export function stepWindow(count: number, cursor: number, focus: number, height: number, view = focus): [number, number] {
  const h = Math.max(0, Math.floor(height));
  if (count <= h) return [0, count];
  if (h === 0) return [0, 0];
  const inRange = (i: number) => i >= 0 && i < count;
  const keys = [view, focus, cursor].filter(inRange);
  if (keys.length === 0) return [0, h];
  let span = keys;
  if (Math.max(...span) - Math.min(...span) + 1 > h) span = inRange(view) ? [view] : [focus, cursor].filter(inRange);
  if (Math.max(...span) - Math.min(...span) + 1 > h) span = [span[0]];
  const lo = Math.min(...span);
  const hi = Math.max(...span);
  let start = lo - Math.floor((h - (hi - lo + 1)) / 2);
  start = Math.max(0, Math.min(start, count - h));
  return [start, start + h];
}
