// The presenter's keys in a real terminal (tmux): g 6 Enter in lesson 2 goes to step 6 for real, z zooms a panel, b blanks the screen.
import { expect, it } from 'vitest';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { TmuxSession, appCommand, hasTmux, useTmux } from '../support/tmux.js';
import { builderPid, labProcesses, until } from '../support/kernelView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const session = useTmux('end-to-end presenter-key tests');

const widest = (screen: string): number => Math.max(...screen.split('\n').map((l) => [...l].length));

describeAsRoot('presenter keys in a terminal', () => {
  for (const [cols, rows] of [
    [80, 24],
    [160, 45],
  ] as const) {
    it.runIf(hasTmux())(`${cols}×${rows}: g 6 Enter in lesson 2 shows step 6 and its panels; z zooms; b blanks`, async () => {
      const tmux = (session.t = new TmuxSession(cols, rows, appCommand(cli, ['namespaces'])));
      await tmux.waitFor(/0\/16 steps done/, 20000);
      tmux.keys('g', '6');
      const prompt = await tmux.waitFor(/go to step: 6_/);
      expect(prompt).toContain('(1–16, Enter goes, Esc cancels)');
      tmux.keys('Enter');
      // the header says what it does while the steps run
      await tmux.waitFor(/going to step 6: running steps 1–6/, 10000);
      const screen = await tmux.waitFor(/6\/16 steps done/, 30000);
      await tmux.waitFor(/Step 6\/16 · pid: numbering starts again/);
      const shown = tmux.screen();
      expect(shown).not.toContain('going to step');
      expect(shown).not.toMatch(/✗/);
      expect(shown).toMatch(/Processes/);
      expect(shown).toMatch(/Namespaces/);
      expect(shown).toMatch(/Syscalls/);
      expect(widest(screen)).toBeLessThanOrEqual(cols);
      // the kernel agrees: the container process has its own uts and mnt namespaces
      const pid = builderPid();
      for (const ns of ['uts', 'mnt']) expect(readlinkSync(`/proc/${pid}/ns/${ns}`)).not.toBe(readlinkSync(`/proc/self/ns/${ns}`));

      tmux.keys('z');
      const zoomed = await tmux.waitFor(/Processes \[zoomed · z next · Esc ends\]/);
      expect(zoomed).toContain('Esc unzoom');
      expect(widest(zoomed)).toBeLessThanOrEqual(cols);
      tmux.keys('Escape');
      await tmux.waitFor(/Esc menu/);
      expect(tmux.screen()).not.toContain('[zoomed');

      tmux.keys('b');
      const blank = await tmux.waitFor(/^(?![\s\S]*Step 6\/16)[\s\S]*2\. Namespaces {2}6\/16 steps done/);
      expect(blank.split('\n').filter((l) => l.trim() !== '')).toHaveLength(1);
      tmux.keys('Right');
      await tmux.waitFor(/Step 6\/16 · pid: numbering starts again/);
      // → only brought the screen back: no step ran
      await new Promise((r) => setTimeout(r, 300));
      expect(tmux.screen()).toContain('6/16 steps done');

      tmux.keys('q');
      await tmux.waitFor(/EXIT=0/, 20000);
      expect(await until(() => labProcesses().length === 0, 3000), `left: ${labProcesses()}`).toBe(true);
    });
  }
});
