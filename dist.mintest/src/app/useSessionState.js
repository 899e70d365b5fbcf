// Hook: the lesson session's current state, re-rendering on every change it reports.
import { useCallback, useSyncExternalStore } from 'react';
export function useSessionState(session) {
    const subscribe = useCallback((listener) => session.subscribe(listener), [session]);
    const getState = useCallback(() => session.getState(), [session]);
    return useSyncExternalStore(subscribe, getState, getState);
}
