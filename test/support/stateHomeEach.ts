// vitest setupFile: each test file, and each test in it, gets its own XDG_STATE_HOME under the run's (test/support/stateHome.ts): progress one test makes never shows in another's menu.
import { afterAll, afterEach, beforeEach } from 'vitest';
import { rmSync } from 'node:fs';
import { freshStateHome } from './ownStateHome.js';

const fileHome = freshStateHome('file');
process.env.XDG_STATE_HOME = fileHome; // what beforeAll hooks spawn with
let testHome: string | null = null;

beforeEach(() => {
  testHome = freshStateHome();
  process.env.XDG_STATE_HOME = testHome;
});

// after the file's own afterEach (tmux sessions killed): hooks after a test run in reverse order
afterEach(() => {
  process.env.XDG_STATE_HOME = fileHome;
  if (testHome) rmSync(testHome, { recursive: true, force: true });
  testHome = null;
});

afterAll(() => rmSync(fileHome, { recursive: true, force: true }));
