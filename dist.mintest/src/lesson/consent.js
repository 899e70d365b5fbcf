/** "(from $CONTAINER_LAB_LESSONS: asks before it runs)" for the menu and `list`; empty for a trusted lesson. */
export function sourceMark(lesson) {
    return lesson.source.trusted ? '' : `(from ${lesson.source.from}: asks before it runs)`;
}
/** The heading and one line per step, each host-side effect in words. */
export function consentLines(lesson) {
    const lines = [`"${lesson.title}" comes from ${lesson.source.from}, not from the container-lab package.`, 'With root, step by step, it will:'];
    lesson.hostEffects.forEach((s, i) => {
        lines.push(`${String(i + 1).padStart(2)}. ${s.step}`);
        for (const e of s.effects)
            lines.push(`      ${e}`);
    });
    return lines;
}
/** y or Enter (an empty answer) goes on; anything else does not. */
export function consents(answer) {
    return /^\s*(y|yes)?\s*$/i.test(answer);
}
