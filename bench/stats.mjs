// What every bench reports with: the median (NaN of no runs) and 90th percentile of repeated runs, and the clock they are timed by.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
export const now = () => performance.now();
export const sleep = (t) => new Promise((r) => setTimeout(r, t));
