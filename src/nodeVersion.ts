// The Node version the lab needs, checked before anything else loads: older Nodes fail inside dependencies with a raw SyntaxError.

/** The oldest Node major the lab runs on (package.json "engines"; Ink 6 and its dependencies need it). */
export const NODE_MAJOR = 20;

/** What is wrong with this Node, in words with the fix, or null when it is new enough. */
export function nodeVersionProblem(version: string): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isInteger(major) && major >= NODE_MAJOR) return null;
  return `container-lab needs Node ${NODE_MAJOR} or newer; this is Node ${version.replace(/^v/, '')}.\n`
    + `Install Node ${NODE_MAJOR} or newer (your distribution's nodejs package if it is new enough, NodeSource, or nvm: nvm install ${NODE_MAJOR}), then run it again.`;
}
