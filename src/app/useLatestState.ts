// A component state that the key handlers read at once and set only when it changes.
import { useCallback, useRef, useState, type MutableRefObject } from 'react';

/**
 * Like useState, with two differences. The latest value is in a ref: keys that come in one chunk
 * (fast typing, a paste, tmux send-keys) are handled before the next render, and each must see
 * what the key before it set. And a set to the value it already has does nothing: React 19 still
 * renders a component once for such a set when the component had updates before (its eager
 * bail-out only holds while no update is pending on either copy of the fiber), and a frame of the
 * lesson screen drawn between a key and its step's result delays that result by the frame's time.
 */
export function useLatestState<T>(initial: T): [T, (next: T | ((latest: T) => T)) => void, MutableRefObject<T>] {
  const [value, setValue] = useState(initial);
  const latest = useRef(initial);
  const set = useCallback((next: T | ((latest: T) => T)) => {
    const value = typeof next === 'function' ? (next as (latest: T) => T)(latest.current) : next;
    if (Object.is(value, latest.current)) return;
    latest.current = value;
    setValue(value);
  }, []);
  return [value, set, latest];
}
