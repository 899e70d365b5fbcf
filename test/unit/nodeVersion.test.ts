// The Node version check: 20 and newer pass; older ones get what is installed, what is needed, and how to get it per distribution.
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR, nodeVersionProblem } from '../../src/nodeVersion.js';

describe('nodeVersionProblem', () => {
  it('passes Node 20 and newer, and this Node', () => {
    for (const v of ['v20.0.0', 'v20.20.2', 'v22.11.0', 'v24.1.0', '25.0.0', process.version]) expect(nodeVersionProblem(v), v).toBeNull();
  });

  it('names the version and where it is, the one needed, and how to get it on each family', () => {
    for (const v of ['v18.19.1', 'v16.20.2', 'v19.9.0', 'v8.10.0']) {
      const problem = nodeVersionProblem(v, '/usr/bin/node') ?? '';
      expect(problem, v).toContain(`needs Node ${NODE_MAJOR} or newer; this is Node ${v.slice(1)} (/usr/bin/node).`);
      expect(problem).toMatch(/Ubuntu, Debian: +curl -fsSL https:\/\/deb\.nodesource\.com\/setup_20\.x \| sudo -E bash - && sudo apt-get install -y nodejs/);
      expect(problem).toMatch(/Fedora 40 and newer: +sudo dnf install nodejs$/m);
      expect(problem).toMatch(/RHEL, Rocky, Alma 8-9: +sudo dnf module install nodejs:20$/m);
      expect(problem).toMatch(/any Linux, no root: +nvm install 20 /);
    }
  });

  it('refuses a version it cannot read rather than guess', () => {
    expect(nodeVersionProblem('')).toMatch(/needs Node 20 or newer; this is Node \(unknown version\)\./);
    expect(nodeVersionProblem('vX.Y')).toMatch(/needs Node 20/);
  });

  it('agrees with package.json engines', async () => {
    const { readFileSync } = await import('node:fs');
    const engines = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).engines.node;
    expect(engines).toBe(`>=${NODE_MAJOR}`);
  });
});
