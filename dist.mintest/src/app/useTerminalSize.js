// Hook: the terminal's columns and rows, updated live when the terminal is resized.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';
const FALLBACK = { columns: 80, rows: 24 };
function read(stdout) {
    const columns = stdout.columns > 0 ? stdout.columns : FALLBACK.columns;
    const rows = stdout.rows > 0 ? stdout.rows : FALLBACK.rows;
    return { columns, rows };
}
/**
 * Clear the screen through Ink, which then draws its whole last frame again: a terminal reflows the
 * old frame's lines when it shrinks, and Ink, which erases only as many lines as it last drew,
 * would leave the reflowed rest on screen. It waits until the frame at the new size is drawn
 * (Ink draws at most every 1000/maxFps ms), or Ink would draw the old, wider frame again. Only a terminal has a screen to clear.
 */
const CLEAR_SCREEN = '\u001B[2J\u001B[3J\u001B[H';
export const CLEAR_AFTER_RESIZE_MS = 60;
export function useTerminalSize() {
    const { stdout, write } = useStdout();
    const [size, setSize] = useState(() => read(stdout));
    useEffect(() => {
        const onResize = () => {
            const next = read(stdout);
            setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
        };
        let timer;
        const onRealResize = () => {
            onResize();
            clearTimeout(timer);
            if (stdout.isTTY)
                timer = setTimeout(() => write(CLEAR_SCREEN), CLEAR_AFTER_RESIZE_MS);
        };
        onResize();
        stdout.on('resize', onRealResize);
        return () => {
            clearTimeout(timer);
            stdout.off('resize', onRealResize);
        };
    }, [stdout, write]);
    return size;
}
