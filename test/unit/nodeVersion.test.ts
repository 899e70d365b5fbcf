// The Node version check: 20 and newer pass; older ones get the reason and the fix.
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR, nodeVersionProblem } from '../../src/nodeVersion.js';

describe('nodeVersionProblem', () => {
  it('passes Node 20 and newer, and this Node', () => {
    for (const v of ['v20.0.0', 'v20.20.2', 'v22.11.0', 'v24.1.0', '25.0.0', process.version]) expect(nodeVersionProblem(v), v).toBeNull();
  });

  it('names the version, the one needed and how to get it for older ones', () => {
    for (const v of ['v18.19.1', 'v16.20.2', 'v19.9.0', 'v8.10.0']) {
      const problem = nodeVersionProblem(v);
      expect(problem, v).toContain(`needs Node ${NODE_MAJOR} or newer; this is Node ${v.slice(1)}.`);
      expect(problem, v).toMatch(/nvm install 20/);
    }
  });

  it('refuses a version it cannot read rather than guess', () => {
    expect(nodeVersionProblem('')).toMatch(/needs Node 20/);
    expect(nodeVersionProblem('vX.Y')).toMatch(/needs Node 20/);
  });

  it('agrees with package.json engines', async () => {
    const { readFileSync } = await import('node:fs');
    const engines = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).engines.node;
    expect(engines).toBe(`>=${NODE_MAJOR}`);
  });
});
