import { chain } from './chainState.js';
export const BLOCK_LINES = 12;
export const BLOCK_WIDTH = 100;
/** Keeps a block short: at most 12 lines of at most 100 characters, the cut marked with "…". */
export function fitBlock(lines) {
    const cut = lines.map((l) => (l.length > BLOCK_WIDTH ? l.slice(0, BLOCK_WIDTH - 1) + '…' : l));
    if (cut.length <= BLOCK_LINES)
        return cut;
    return [...cut.slice(0, BLOCK_LINES - 1), `… ${cut.length - BLOCK_LINES + 1} more`];
}
/** A CLI's table row for a block: "d299bce2daf8…  6521  RUNNING" (64-hex ids cut to 12, space runs to two). */
export function shortLine(line) {
    return line.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1…').replace(/\s{2,}/g, '  ').trim();
}
/** A block in place of the one with the same title, at the end (the runc lesson orders its blocks with blocksFirst). */
export function setBlock(ctx, title, lines) {
    const view = chain(ctx).view;
    const blocks = (view.blocks ?? []).filter((b) => b.title !== title);
    blocks.push({ title, lines: fitBlock(lines) });
    view.blocks = blocks;
}
