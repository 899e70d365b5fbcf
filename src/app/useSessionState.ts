// Hook: the lesson session's current state, re-rendering on every change it reports.
import { useCallback, useSyncExternalStore } from 'react';
import type { LessonSession, SessionState } from '../types.js';

export function useSessionState(session: LessonSession): SessionState {
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const getState = useCallback(() => session.getState(), [session]);
  return useSyncExternalStore(subscribe, getState, getState);
}
