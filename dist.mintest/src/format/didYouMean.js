// "did you mean …?": the known word closest to a mistyped one, by edit distance, or by a unique prefix.
/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours each cost 1. */
export function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++)
        d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
/**
 * The candidate a typo most likely meant: the nearest within a third of the word's length (at
 * least 1, at most 3 edits; ties go to the earlier candidate), else the only candidate the word
 * begins (3 letters or more). null when nothing is close.
 */
export function didYouMean(word, candidates) {
    const w = word.toLowerCase();
    const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
    let best = null;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const distance = editDistance(w, c.toLowerCase());
        if (distance <= limit && distance < bestDistance) {
            best = c;
            bestDistance = distance;
        }
    }
    if (best !== null)
        return best;
    const prefixed = w.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(w)) : [];
    return prefixed.length === 1 ? prefixed[0] : null;
}
