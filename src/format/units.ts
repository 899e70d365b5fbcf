// Quantities written for people: byte counts in binary units, durations in ms or s.

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

/** A number with at most one decimal, and none when it is whole: `20`, `12.5`. */
export const oneDecimal = (x: number): string => String(parseFloat(x.toFixed(1)));

/** `345.7 ms`, `2.35 s` */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${oneDecimal(ms)} ms` : `${String(parseFloat((ms / 1000).toFixed(2)))} s`;
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
/** A time spent, to the minute: "<1 min", "4 min", "1 h 05 min" (a clock that need not redraw the screen each second). */
export function elapsedMinutes(ms: number): string {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return '<1 min';
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
