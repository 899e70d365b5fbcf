// Lesson 14's tasks for real: a second DNAT rule added with nft inside the lab namespace; c2 unplugged from the bridge.
import { expect, it } from 'vitest';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson, type LiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { expectHostRulesetUnchanged, inNet, rememberHostRuleset } from '../../support/containerNetView.js';

/** A line a step printed, found by a pattern; its first group. */
function printed(live: LiveLesson, title: string, pattern: RegExp): string {
  const i = live.lesson.steps.findIndex((s) => s.title === title);
  const line = live.session.getState().steps[i].output.map((l) => pattern.exec(l)).find(Boolean);
  if (!line) throw new Error(`step "${title}" printed nothing like ${pattern}`);
  return line[1];
}

describeAsRoot('lesson 14 tasks (container-network)', () => {
  const live = useLiveLesson('container-network');

  it('second-port: a rule for the wrong port leaves it open; tcp dport 8888 dnat to c1:80 in the lab namespace solves it', async () => {
    rememberHostRuleset();
    await openTask(live, 'second-port');
    const lab = Number(printed(live, 'A bridge: docker0\'s part', /held by host PID (\d+)/));
    const c1 = printed(live, 'Container c1 on the bridge', /^\s*eth0\s+(10\.201\.\d+\.2)\//);
    const add = (port: number) => inNet(lab, ['nft', 'add', 'rule', 'ip', 'container-lab', 'nat-prerouting-and-output', 'tcp', 'dport', String(port), 'dnat', 'to', `${c1}:80`]);

    add(8889);
    let t = await expectUnsolved(live, 'second-port');
    expect(t.checks[0].detail).toMatch(/no rule tcp dport 8888/);
    expect(t.checks[1].detail).toMatch(/:8888\/ from the lab namespace failed/);

    add(8888);
    expect(inNet(lab, ['curl', '-s', '-m', '4', `http://${c1.replace(/\.2$/, '.1')}:8888/`])).toContain('hello from c1');
    t = await expectSolved(live, 'second-port');
    expect(t.checks[0].detail).toMatch(new RegExp(`tcp dport 8888 .*dnat to ${c1.replace(/\./g, '\\.')}:80`));
    expectHostRulesetUnchanged();
  });

  it('unplug-c2: setting cl-c2 down leaves it open; nomaster solves it', async () => {
    await openTask(live, 'unplug-c2');
    const lab = Number(printed(live, 'A bridge: docker0\'s part', /held by host PID (\d+)/));

    inNet(lab, ['ip', 'link', 'set', 'cl-c2', 'down']);
    let t = await expectUnsolved(live, 'unplug-c2');
    expect(t.checks[0].detail).toMatch(/ports of cl-br0: cl-c1, cl-c2; expected cl-c1/);

    inNet(lab, ['ip', 'link', 'set', 'cl-c2', 'nomaster']);
    expect(inNet(lab, ['ip', '-o', 'link', 'show', 'master', 'cl-br0'])).not.toMatch(/cl-c2/);
    t = await expectSolved(live, 'unplug-c2');
    expect(t.checks[0].detail).toMatch(/ports: cl-c1;/);
  });
});
