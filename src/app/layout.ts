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
