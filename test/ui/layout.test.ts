// Unit tests for the pure helpers behind the layout: line budgets, column split, windows, read-outs.
import { describe, expect, it } from 'vitest';
import {
  allocate,
  lessonLayout,
  nextZoom,
  scrolled,
  SLIDE_MIN_STACKED,
  SLIDE_MIN_BESIDE_RESULT,
  RESULT_MIN,
  slidePosition,
  slideView,
  splitColumns,
  stepWindow,
  TWO_COLUMN_MIN,
  zoomablePanels,
  type LessonNeeds,
} from '../../src/app/layout.js';
import { footerEntries } from '../../src/app/Footer.js';
import { pickMounts } from '../../src/app/panels/MountPanel.js';
import { collectLog, focusIndex, innerPids, propagation, stripTitleHeading } from '../../src/app/derive.js';
import { wrapPlain } from '../../src/app/textWrap.js';
import { FakeSession, HOST_MOUNTS, makeLesson, namespaceSteps } from './fakeSession.js';

describe('allocate', () => {
  it('gives minimums in priority order, then shares spare lines up to what each wants', () => {
    const h = allocate(10, [
      { key: 'a', min: 2, want: 3 },
      { key: 'b', min: 2, want: 20, weight: 2 },
      { key: 'c', min: 1, want: 1 },
    ]);
    expect(h).toEqual({ a: 3, b: 6, c: 1 });
  });

  it('drops sections whose minimum no longer fits and never exceeds the total', () => {
    const h = allocate(5, [
      { key: 'a', min: 3, want: 10 },
      { key: 'b', min: 4, want: 4 },
      { key: 'c', min: 1, want: 2 },
    ]);
    expect(h.b).toBe(0);
    expect(h.a + h.b + h.c).toBe(5);
  });

  it('gives nothing to a section that wants nothing', () => {
    expect(allocate(10, [{ key: 'a', min: 2, want: 0 }]).a).toBe(0);
  });
});

describe('splitColumns', () => {
  it('stacks below the threshold and splits above it', () => {
    expect(splitColumns(80).twoColumns).toBe(false);
    const wide = splitColumns(160);
    expect(wide.twoColumns).toBe(true);
    expect(wide.left + wide.gap + wide.right).toBe(160);
    expect(splitColumns(TWO_COLUMN_MIN).twoColumns).toBe(true);
  });
});

describe('stepWindow', () => {
  it('shows everything that fits, otherwise a window around the current step', () => {
    expect(stepWindow(3, 0, -1, 5)).toEqual([0, 3]);
    expect(stepWindow(10, 7, 6, 3)).toEqual([6, 9]);
    expect(stepWindow(10, 9, 8, 3)).toEqual([7, 10]);
  });

  it('keeps the step just run in two lines, and in one', () => {
    // cgroups at 80×24 after step 3: the list used to show steps 4 and 5 only
    expect(stepWindow(9, 3, 2, 2)).toEqual([2, 4]);
    expect(stepWindow(9, 3, 2, 1)).toEqual([2, 3]);
    // before any step: the next one; after the last: the last
    expect(stepWindow(9, 0, -1, 2)).toEqual([0, 2]);
    expect(stepWindow(9, 9, 8, 2)).toEqual([7, 9]);
  });

  it('follows a slide read ahead, keeping the step just run when it is near', () => {
    expect(stepWindow(16, 3, 2, 4, 4)).toEqual([2, 6]);
    // too far apart for four lines: the slide read wins
    expect(stepWindow(16, 3, 2, 4, 12)).toEqual([11, 15]);
    // the introduction is not a step: the steps that ran and come next stay
    expect(stepWindow(16, 3, 2, 3, -1)).toEqual([2, 5]);
  });
});

/** A lesson at 80×24 or 160×45 with every panel holding something. */
function needs(over: Partial<LessonNeeds> = {}): LessonNeeds {
  return {
    columns: 80,
    rows: 24,
    chrome: 0,
    steps: 9,
    slideLines: 11,
    stepError: { min: 0, want: 0 },
    reading: false,
    panels: { syscalls: 12, chain: 0, chainMin: 0, chainOwn: 0, cgroup: 11, layers: 0, layersMin: 0, namespaces: 10, checks: 3, processes: 4, mounts: 21, output: 3 },
    ...over,
  };
}

const sum = (h: Record<string, number>): number => Object.values(h).reduce((a, b) => a + b, 0);

describe('zoom', () => {
  it('goes through the panels that want lines, top to bottom as drawn, then back to none', () => {
    const panels = zoomablePanels(needs().panels);
    expect(panels).toEqual(['processes', 'namespaces', 'cgroup', 'mounts', 'syscalls', 'checks', 'output']);
    const seen: Array<string | null> = [];
    let z = nextZoom(panels, null);
    while (z !== null) {
      seen.push(z);
      z = nextZoom(panels, z);
    }
    expect(seen).toEqual(panels);
    expect(nextZoom([], null)).toBeNull();
  });

  it('the zoomed panel has the whole right column (wide) or the whole body (stacked); the others none', () => {
    for (const columns of [80, 160]) {
      const l = lessonLayout(needs({ columns, rows: columns === 80 ? 24 : 45, zoom: 'mounts' }));
      expect(l.h.mounts).toBe(l.body);
      for (const k of ['processes', 'namespaces', 'cgroup', 'syscalls', 'checks', 'output'] as const) expect(l.h[k], k).toBe(0);
      expect(l.folded).toBe(false);
      // wide, the slide and the steps keep their column; stacked, the panel has it all
      if (columns === 160) expect(l.h.slide).toBeGreaterThan(0);
      else expect(l.h.slide + l.h.steps + l.h.next).toBe(0);
    }
  });
});

describe('lessonLayout', () => {
  it('80×24 before a step ran: the body fills the screen less header and footer, the slide keeps its least lines beside the panels', () => {
    const l = lessonLayout(needs({ panels: { ...needs().panels, checks: 0, output: 0 } }));
    expect(l.cols.twoColumns).toBe(false);
    expect(l.body).toBe(21);
    expect(sum(l.h)).toBeLessThanOrEqual(21);
    expect(l.h.slide).toBeGreaterThanOrEqual(SLIDE_MIN_STACKED);
    expect(l.h.slide).toBeLessThan(12); // cut: the panels have the rest
    expect(l.h.steps).toBe(2);
    expect(l.h.syscalls).toBeGreaterThan(0);
  });

  it('80×24 after a step ran: its checks and output come first, the slide gives way down to a few lines', () => {
    const l = lessonLayout(needs());
    expect(l.body).toBe(21);
    expect(sum(l.h)).toBeLessThanOrEqual(21);
    expect(l.h.checks).toBe(3);
    expect(l.h.output).toBe(RESULT_MIN.output); // its title and its last line
    expect(l.h.slide).toBeGreaterThanOrEqual(SLIDE_MIN_BESIDE_RESULT);
    expect(l.h.cgroup).toBeGreaterThan(0);
    // many checks and a long output: three checks and the output's last line, still with a slide
    const big = lessonLayout(needs({ panels: { ...needs().panels, checks: 6, output: 40 } }));
    expect(big.h.checks).toBe(RESULT_MIN.checks);
    expect(big.h.output).toBeGreaterThanOrEqual(RESULT_MIN.output);
    expect(big.h.slide).toBeGreaterThanOrEqual(SLIDE_MIN_BESIDE_RESULT);
    expect(sum(big.h)).toBeLessThanOrEqual(21);
  });

  it('80×24 after a step ran, the slide cut: the step list and the syscalls still show', () => {
    const l = lessonLayout(needs());
    expect(l.h.slide).toBeLessThan(12); // cut: the panels have the rest
    expect(l.h.steps).toBe(2);
    expect(l.h.syscalls).toBeGreaterThan(0);
    expect(l.h.summary).toBe(0);
    expect(l.folded).toBe(false);
  });

  it('80×24 reading a slide longer than its room: the panels fold to one line, the slide gets the rest', () => {
    const l = lessonLayout(needs({ reading: true }));
    expect(l.folded).toBe(true);
    expect(l.h.summary).toBe(1);
    expect(l.h.slide).toBe(12); // heading and all 11 lines
    for (const k of ['syscalls', 'cgroup', 'namespaces', 'checks', 'processes', 'mounts', 'output'] as const) expect(l.h[k]).toBe(0);
    expect(sum(l.h)).toBeLessThanOrEqual(21);
    // spare lines go to the step list
    expect(l.h.steps).toBe(21 - 1 - 1 - 12);
  });

  it('reading a slide that fits beside the panels folds nothing', () => {
    const l = lessonLayout(needs({ reading: true, slideLines: 3 }));
    expect(l.folded).toBe(false);
    expect(l.h.slide).toBe(4);
    expect(l.h.syscalls).toBeGreaterThan(0);
  });

  it('an error and a notice take their lines from the body', () => {
    expect(lessonLayout(needs({ chrome: 5 })).body).toBe(16);
  });

  it('160×45: two columns, the panels never fold, reading lets the slide take the step list\'s lines', () => {
    const open = lessonLayout(needs({ columns: 160, rows: 45, steps: 16, slideLines: 40 }));
    expect(open.cols.twoColumns).toBe(true);
    expect(open.h.steps).toBeGreaterThan(5);
    const reading = lessonLayout(needs({ columns: 160, rows: 45, steps: 16, slideLines: 40, reading: true }));
    expect(reading.folded).toBe(false);
    expect(reading.h.steps).toBe(5);
    expect(reading.h.slide).toBeGreaterThan(open.h.slide);
    expect(reading.h.syscalls).toBe(open.h.syscalls);
  });

  it('the chain step\'s own section keeps its least lines (all its hops, packed) at 80×24', () => {
    const l = lessonLayout(needs({ panels: { ...needs().panels, chain: 30, chainMin: 11, chainOwn: 7 } }));
    expect(l.h.chain).toBeGreaterThanOrEqual(7);
    // beside the step's checks and output
    expect(l.h.checks).toBe(3);
    expect(l.h.output).toBe(RESULT_MIN.output); // its title and its last line
    expect(sum(l.h)).toBeLessThanOrEqual(21);
  });
});

describe('slideView and scrolling', () => {
  it('a slide that fits is shown whole, with no position line', () => {
    expect(slideView(5, 3, 6)).toEqual({ first: 0, shown: 5, total: 5, cut: false, position: false });
  });

  it('a cut slide shows what fits above a position line, the offset clamped to a full last page', () => {
    expect(slideView(30, 0, 8)).toEqual({ first: 0, shown: 6, total: 30, cut: true, position: true });
    expect(slideView(30, 100, 8).first).toBe(24);
    expect(slideView(30, -3, 8).first).toBe(0);
    // two lines: heading and one line of text, no room for a position line
    expect(slideView(30, 0, 2)).toMatchObject({ shown: 1, position: false });
  });

  it('keys move a line, a page (keeping a line in sight), or to either end', () => {
    const v = slideView(30, 10, 8);
    expect(scrolled(v, 'down')).toBe(11);
    expect(scrolled(v, 'up')).toBe(9);
    expect(scrolled(v, 'pageDown')).toBe(15);
    expect(scrolled(v, 'pageUp')).toBe(5);
    expect(scrolled(v, 'top')).toBe(0);
    expect(scrolled(v, 'bottom')).toBe(24);
    expect(scrolled(slideView(30, 24, 8), 'pageDown')).toBe(24);
    expect(scrolled(slideView(30, 0, 8), 'up')).toBe(0);
  });

  it('paging down from the top reaches every line', () => {
    let v = slideView(30, 0, 8);
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      for (let k = v.first; k < v.first + v.shown; k++) seen.add(k);
      v = slideView(30, scrolled(v, 'pageDown'), 8);
    }
    expect(seen.size).toBe(30);
  });

  it('says where the slide is and which ways it goes', () => {
    expect(slidePosition(slideView(30, 0, 8))).toBe('lines 1–6 of 30 ↓');
    expect(slidePosition(slideView(30, 10, 8))).toBe('lines 11–16 of 30 ↓ ↑');
    expect(slidePosition(slideView(30, 24, 8))).toBe('lines 25–30 of 30 ↑');
    expect(slidePosition(slideView(128, 122, 8), true)).toBe('lines 123–128 of 128+ ↓ ↑');
  });
});

describe('footerEntries', () => {
  const width = (e: ReturnType<typeof footerEntries>): number => e.map((x) => `${x.key} ${x.label}`).join('  ').length;

  it('fits 80 columns with the scroll and fold keys, busy or not, dropping the other slides key first', () => {
    for (const busy of [false, true]) {
      const e = footerEntries(80, busy, true, true);
      expect(width(e) + (busy ? 7 : 0)).toBeLessThanOrEqual(80);
      expect(e.map((x) => x.command)).toEqual(expect.arrayContaining(['next', 'back', 'shell', 'scroll', 'help', 'menu', 'quit']));
      expect(e.map((x) => x.command)).not.toContain('slides');
    }
  });

  it('lists the scroll keys only while the slide is cut, the fold key only while the panels can fold', () => {
    expect(footerEntries(200, false).map((x) => x.command)).not.toContain('scroll');
    expect(footerEntries(200, false, true).map((x) => x.command)).not.toContain('panels');
    expect(footerEntries(200, false, true, true).map((x) => x.command)).toContain('panels');
    // wide: the long forms, and every key
    expect(footerEntries(200, false, true, true).map((x) => `${x.key} ${x.label}`)).toContain('→/Enter run next step');
  });
});

describe('pickMounts', () => {
  const added = { ...HOST_MOUNTS[5], mountId: 412, mountPoint: '/run/container-lab/s-1a2b/scratch', added: true };
  const newer = { ...HOST_MOUNTS[2], mountId: 413, mountPoint: '/proc', added: true };
  const all = [...HOST_MOUNTS.map((m) => ({ ...m, added: false })), added, newer];

  it('keeps table order when all fit', () => {
    expect(pickMounts(all, 20).shown.map((m) => m.mountId)).toEqual(all.map((m) => m.mountId));
  });

  it('puts added mounts first, newest first, when space is short', () => {
    const { shown, more } = pickMounts(all, 3);
    expect(shown.map((m) => m.mountId)).toEqual([413, 412, 22]);
    expect(more).toBe(all.length - 3);
  });
});

describe('derive', () => {
  it('reads propagation from optional fields', () => {
    expect(propagation({ optionalFields: ['shared:1'] })).toBe('shared:1');
    expect(propagation({ optionalFields: [] })).toBe('private');
    expect(propagation({ optionalFields: ['master:3'] })).toBe('master:3');
  });

  it('shows the PIDs inside nested namespaces', () => {
    const p = { hostPid: 48213, nsPids: [48213, 1], ppid: 1, name: 'sh', cmdline: '', uid: 0, uidInside: 0, role: 'x' };
    expect(innerPids(p)).toBe('1');
    expect(innerPids({ ...p, nsPids: [48213] })).toBe('–');
  });

  it('focuses the last step that ran and collects the log in order', async () => {
    const s = new FakeSession(makeLesson('ns', 1, 'NS', namespaceSteps()), namespaceSteps());
    expect(focusIndex(s.getState())).toBe(-1);
    await s.next();
    await s.next();
    expect(focusIndex(s.getState())).toBe(1);
    const log = collectLog(s.getState());
    expect(log.map((l) => l.entry.call)).toEqual(['unshare', 'mount', 'spawn', 'sethostname']);
    expect(log.filter((l) => l.latest).map((l) => l.entry.call)).toEqual(['sethostname']);
  });

  it('drops a first heading that only repeats the title', () => {
    expect(stripTitleHeading('## Its own hostname\n\ntext', 'Its own hostname')).toBe('text');
    expect(stripTitleHeading('## Something else\n\ntext', 'Its own hostname')).toContain('Something else');
  });

  it('wraps plain text with a hanging indent', () => {
    expect(wrapPlain('hint: run the lab as root please', 14, '      ')).toEqual(['hint: run the', '      lab as', '      root', '      please']);
  });
});
