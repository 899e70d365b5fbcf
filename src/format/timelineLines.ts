// The chain timeline's lines fitted to a width: when, what, which PID and when it went, every word kept (wrapped, never cut).
import type { TimelineEntry } from '../types.js';
import type { Seg } from './seg.js';

const width = (s: string): number => [...s].length;

/** Words of `text` in lines of at most `room` columns; a word longer than that is split. */
function wrapWords(text: string, room: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let w = word;
    while (width(w) > room) {
      if (line) out.push(line);
      line = '';
      out.push([...w].slice(0, room).join(''));
      w = [...w].slice(room).join('');
    }
    if (!line) line = w;
    else if (width(line) + 1 + width(w) <= room) line += ' ' + w;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

/** Least columns a label is wrapped into before the PID and the time it went move to a line of their own (also the longest word). */
const LABEL_ROOM_MIN = 14;

/**
 * One line per process when it fits: `  +164 ms  runc create  pid 11335  gone at +700 ms`. Narrower,
 * `gone at` becomes `gone`, then a long label wraps in its column (its first line keeps the PID
 * and the time it went); narrower still, each process takes two lines or more: its time and
 * label, then its PID and when it went, indented.
 */
export function timelineLines(entries: TimelineEntry[], columns: number): Seg[][] {
  const at = entries.map((e) => `+${Math.round(e.at)} ms`);
  const pid = entries.map((e) => (e.pid !== undefined ? `pid ${e.pid}` : ''));
  const timeW = Math.max(9, ...at.map(width));
  const pidW = Math.max(0, ...pid.map(width));
  const labelW = Math.max(0, ...entries.map((e) => width(e.label)));
  const gone = (e: TimelineEntry, long: boolean): string => (e.goneAt === undefined ? '' : `${long ? 'gone at' : 'gone'} +${Math.round(e.goneAt)} ms`);
  const goneW = (long: boolean): number => Math.max(0, ...entries.map((e) => width(gone(e, long))));
  const lead = timeW + 2;
  const tail = (long: boolean): number => (pidW > 0 ? 1 + pidW : 0) + (goneW(long) > 0 ? 2 + goneW(long) : 0);
  const long = lead + labelW + tail(true) <= columns;
  const labelRoom = Math.min(labelW, columns - lead - tail(long));
  // wrapped in its column only where no word of a label must be split
  const longestWord = Math.max(0, ...entries.flatMap((e) => e.label.split(' ').map(width)));
  const split = labelRoom < labelW && labelRoom < Math.max(LABEL_ROOM_MIN, longestWord);
  const out: Seg[][] = [];
  entries.forEach((e, i) => {
    const room = split ? Math.max(1, columns - lead) : labelRoom;
    const label = wrapWords(e.label, room);
    const rest: Seg[] = [
      { text: pid[i] ? (split ? '' : ' ') + pid[i].padEnd(pidW) : '', dim: true },
      { text: gone(e, long) ? '  ' + gone(e, long) : '', color: 'red' },
    ];
    label.forEach((text, k) => {
      const first = k === 0;
      const line: Seg[] = [
        { text: first ? at[i].padStart(timeW) + '  ' : ' '.repeat(lead), color: 'yellow' },
        { text: split || !first ? text : text.padEnd(room), bold: true },
      ];
      out.push(!split && first ? [...line, ...rest] : line);
    });
    if (split && (pid[i] || gone(e, long))) out.push([{ text: ' '.repeat(lead) }, ...rest]);
  });
  return out;
}
