import { jsx as _jsx } from "react/jsx-runtime";
// A wait the user can see: the label at once, and past 300 ms a turning mark and the seconds elapsed.
import { useEffect, useState } from 'react';
import { Text } from 'ink';
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Waits shorter than this show only the label: a spinner that flashes for a frame is noise. */
export const SPINNER_AFTER_MS = 300;
const FRAME_MS = 125;
/** Counts from its mount: mount it when the wait begins (a new `key` starts a new wait). */
export function Spinner({ label, color = 'yellow', bold = false }) {
    const [started] = useState(() => Date.now());
    const [now, setNow] = useState(started);
    useEffect(() => {
        const timer = setInterval(() => setNow(Date.now()), FRAME_MS);
        return () => clearInterval(timer);
    }, []);
    const elapsed = now - started;
    const text = elapsed < SPINNER_AFTER_MS ? `⟳ ${label}` : `${FRAMES[Math.floor(elapsed / FRAME_MS) % FRAMES.length]} ${label} ${(elapsed / 1000).toFixed(1)} s`;
    return (_jsx(Text, { color: color, bold: bold, children: text }));
}
