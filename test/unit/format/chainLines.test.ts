// Unit tests for the chain panel's lines: the API log, the timeline, the bar chart and daemon blocks, fitted to a width and height.
import { describe, expect, it } from 'vitest';
import { chainPanelLines, chainPanelMin, chainPanelWant, packedHops } from '../../../src/format/chainLines.js';
import { segText } from '../../../src/format/seg.js';
import { visibleLength } from '../../../src/app/textWrap.js';
import type { ChainView } from '../../../src/types.js';
import { CHAIN_HTTP, chainSteps, TWELVE_HOPS } from '../../ui/fakeSession.js';

const text = (view: ChainView, width: number, height: number): string[] =>
  chainPanelLines(view, width, height).map((l) => ('title' in l ? `# ${l.title}${l.note ? ' · ' + l.note : ''}` : segText(l.segs)));

describe('chain panel lines', () => {
  it('lists every exchange in order with method, path, status and the trimmed bodies', () => {
    const out = text({ http: CHAIN_HTTP }, 100, 40);
    expect(out[0]).toMatch(/^# Docker API · 5 requests/);
    const requests = out.filter((l) => /^\s*\d+ /.test(l));
    expect(requests.map((l) => l.trim().split(/\s+/).slice(1, 3).join(' '))).toEqual([
      'HEAD /_ping',
      'POST /v1.41/containers/create',
      expect.stringMatching(/^POST \/v1\.41\/containers\/f5f875435569\/attach/),
      expect.stringMatching(/^POST \/v1\.41\/containers\/f5f875435569\/wait/),
      'POST /v1.41/containers/f5f875435569/start',
    ]);
    expect(out.join('\n')).toContain('→ 201 Created');
    expect(out.join('\n')).toContain('→ 101 UPGRADED');
    expect(out.join('\n')).toContain('← {"Id":"f5f875435569…"}');
  });

  it('short of room, drops the body lines, then the oldest requests, and says how many are hidden', () => {
    const out = text({ http: CHAIN_HTTP }, 80, 4);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatch(/lines not shown/);
    expect(out[out.length - 1]).toContain('/start');
    expect(out.join('\n')).not.toContain('←');
  });

  it('draws the hops as bars scaled to the longest, and the timeline in ms after the keypress', () => {
    const view = chainSteps()[1].snapshot!(({} as never)).chain!;
    const out = text(view, 80, 60);
    const bars = out.filter((l) => l.includes('█'));
    expect(bars).toHaveLength(4);
    const cells = bars.map((l) => (l.match(/█/g) ?? []).length);
    expect(Math.max(...cells)).toBe(cells[2]); // runc create, 42 ms, is the longest
    expect(cells[3]).toBeGreaterThanOrEqual(1); // even 2.5 ms shows
    expect(out.find((l) => l.includes('runc create') && l.includes('+70 ms'))).toContain('gone at +112 ms');
    // bars are sized to the width (other long lines are cut at the edge by the panel)
    for (const l of bars) expect(visibleLength(l)).toBeLessThanOrEqual(80);
    expect(chainPanelWant(view, 80)).toBe(out.length);
  });
});

describe('the step\'s focus', () => {
  it('keeps the focus section whole while the others give up lines', () => {
    const view = chainSteps()[1].snapshot!(({} as never)).chain!;
    const focused = text({ ...view, focus: 'hops' }, 80, 14);
    expect(focused.filter((l) => l.includes('█'))).toHaveLength(4);
    const plain = text(view, 80, 14);
    expect(plain.filter((l) => l.includes('█')).length).toBeLessThan(4);
  });
});

describe('the hops, packed', () => {
  const view = (): ChainView => ({ ...chainSteps()[1].snapshot!({} as never).chain!, hops: { title: 'Where the time goes', bars: TWELVE_HOPS }, focus: 'hops' });

  it('every hop in a few lines: a block as tall as its share of the longest, its label and its time', () => {
    const lines = packedHops(TWELVE_HOPS, 80).map(segText);
    expect(lines.length).toBeLessThanOrEqual(6);
    for (const l of lines) expect(visibleLength(l)).toBeLessThanOrEqual(80);
    const all = lines.join(' · ');
    for (const h of TWELVE_HOPS) expect(all).toContain(h.label);
    expect(all).toContain('█ exit status back to CLI 970 ms'); // the longest
    expect(all).toContain('▁ runc start → exec 2.5 ms');
  });

  it('short of room, the step\'s hops are packed whole and the other sections give way, the last first', () => {
    const v = view();
    const min = chainPanelMin(v, 80);
    const out = text(v, 80, min);
    expect(out).toHaveLength(min);
    const hops = out.slice(out.findIndex((l) => l.startsWith('# Where the time goes')));
    expect(hops[0]).not.toMatch(/not shown/);
    for (const h of TWELVE_HOPS) expect(hops.join('\n')).toContain(h.label);
    // eight lines: the hops whole, the API log with one line; the timeline and the block are left out
    const tight = text(v, 80, 1 + packedHops(TWELVE_HOPS, 80).length + 2);
    expect(tight.filter((l) => l.startsWith('# ')).map((l) => l.split(' · ')[0])).toEqual(['# Docker API', '# Where the time goes']);
    for (const h of TWELVE_HOPS) expect(tight.join('\n')).toContain(h.label);
  });

  it('zoomed (whole), the hops are packed as soon as all would not fit, and the timeline keeps every line', () => {
    const v = view();
    const whole = (h: number): string[] => chainPanelLines(v, 80, h, true).map((l) => ('title' in l ? `# ${l.title}${l.note ? ' · ' + l.note : ''}` : segText(l.segs)));
    // 21 lines, an 80×24 screen's body: a bar a line would leave the timeline two lines
    expect(text(v, 80, 21).find((l) => l.startsWith('# Timeline'))).toMatch(/not shown/);
    const out = whole(21);
    expect(out).toHaveLength(21);
    expect(out.find((l) => l.startsWith('# Timeline'))).not.toMatch(/not shown/);
    expect(out.filter((l) => /\+\d+ ms {2}/.test(l))).toHaveLength(5);
    for (const h of TWELVE_HOPS) expect(out.join('\n')).toContain(h.label);
    // with room for it all, nothing is packed
    expect(whole(60).filter((l) => l.includes('█'))).toHaveLength(12);
  });

  it('with room, a bar a line as before', () => {
    const out = text(view(), 80, 60);
    expect(out.filter((l) => l.includes('█'))).toHaveLength(12);
    expect(chainPanelMin({ http: CHAIN_HTTP }, 80)).toBe(0);
  });
});
