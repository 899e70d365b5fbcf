// A line of styled pieces (text with colour, bold, dim) as plain data, measured before it is drawn.

/** A run of text with one style. */
export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
}

/** Columns the pieces take (code points; the lab's text is not East Asian wide). */
export function segWidth(segs: Seg[]): number {
  return segs.reduce((n, s) => n + [...s.text].length, 0);
}

/** The pieces as plain text. */
export function segText(segs: Seg[]): string {
  return segs.map((s) => s.text).join('');
}
