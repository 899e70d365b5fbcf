// useLatestState: keys in one chunk see each other's sets, and a set to the value already there draws nothing.
import { afterEach, describe, expect, it } from 'vitest';
import React, { useEffect } from 'react';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { useLatestState } from '../../src/app/useLatestState.js';

afterEach(cleanup);

type Setter = (next: number | ((latest: number) => number)) => void;

function Probe({ onReady, renders }: { onReady: (set: Setter, latest: () => number) => void; renders: { n: number } }) {
  const [value, set, latest] = useLatestState(0);
  renders.n++;
  useEffect(() => onReady(set, () => latest.current), [set]);
  return <Text>{`value ${value}`}</Text>;
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('useLatestState', () => {
  it('a set to the value already there renders nothing, even after earlier updates', async () => {
    const renders = { n: 0 };
    let set: Setter = () => {};
    const app = render(<Probe renders={renders} onReady={(s) => (set = s)} />);
    await tick();
    set(1);
    await tick();
    set(2);
    await tick();
    expect(app.lastFrame()).toBe('value 2');
    const before = renders.n;
    set(2);
    set((v) => v);
    await tick();
    expect(renders.n).toBe(before);
  });

  it('sets made one after another before a render each see the one before (keys in one chunk)', async () => {
    const renders = { n: 0 };
    let set: Setter = () => {};
    let latest = () => -1;
    const app = render(<Probe renders={renders} onReady={(s, l) => ((set = s), (latest = l))} />);
    await tick();
    set((v) => v + 1);
    set((v) => v + 1);
    expect(latest()).toBe(2);
    set((v) => (v === 2 ? 0 : v)); // back where it started, before any render
    await tick();
    expect(app.lastFrame()).toBe('value 0');
  });
});
