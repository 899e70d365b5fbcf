// Lesson 7's tasks for real: a page written into the volume from the host, fetched through the published port; a second httpd in the container.
import { expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson, type LiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { nsLink, until } from '../../support/kernelView.js';

/** A line a step printed, found by a pattern; its first group. */
function printed(live: LiveLesson, title: string, pattern: RegExp): string {
  const i = live.lesson.steps.findIndex((s) => s.title === title);
  const line = live.session.getState().steps[i].output.map((l) => pattern.exec(l)).find(Boolean);
  if (!line) throw new Error(`step "${title}" printed nothing like ${pattern}`);
  return line[1];
}

/** An HTTP GET with curl, from the host or, with a PID, from that process's network namespace. */
function get(url: string, netOf?: number): string {
  const argv = ['curl', '-s', '-m', '4', '-w', '\n%{http_code}', url];
  return execFileSync(netOf ? 'nsenter' : argv[0], netOf ? [`--net=/proc/${netOf}/ns/net`, '--', ...argv] : argv.slice(1), { encoding: 'utf8' });
}

/** PIDs of the processes whose command line holds `text` (pgrep -f), now. */
function pidsRunning(text: string): number[] {
  const r = spawnSync('pgrep', ['-f', text], { encoding: 'utf8' });
  return r.stdout.trim().split('\n').filter(Boolean).map(Number).filter((pid) => pid !== r.pid);
}

describeAsRoot('lesson 7 tasks (docker-run)', () => {
  const live = useLiveLesson('docker-run');

  it('your-page: a page without the words leaves it open; mine.html in the volume solves it, served through the port', async () => {
    await openTask(live, 'your-page');
    const volume = printed(live, 'Written outside, seen inside', /^host: wrote \d+ bytes to (\/\S+)\/index\.html$/);
    const port = printed(live, 'A published port', /curl http:\/\/127\.0\.0\.1:(\d+)\//);
    const page = join(volume, 'mine.html');

    writeFileSync(page, '<p>made by someone else</p>\n');
    let t = await expectUnsolved(live, 'your-page');
    expect(t.checks.map((c) => c.detail).join(' | ')).toMatch(/does not hold the text/);
    expect(t.checks[1].detail).toMatch(new RegExp(`GET http://127\\.0\\.0\\.1:${port}/mine\\.html → 200: .*made by someone else`));

    writeFileSync(page, '<p>made by me</p>\n');
    expect(get(`http://127.0.0.1:${port}/mine.html`), 'the learner\'s own curl through the forwarder').toBe('<p>made by me</p>\n\n200');
    t = await expectSolved(live, 'your-page');
    expect(t.checks[1].detail).toMatch(/\(from the host\) → 200, body holds "made by me"/);
  });

  it('second-server: nothing on 8080 leaves it open; an httpd started with nsenter in the first one\'s namespaces solves it', async () => {
    await openTask(live, 'second-server');
    const { builder } = await live.helper.pids();
    const bridge = Number(printed(live, 'A network: docker0 and a veth pair', /held by host PID (\d+)/));
    const address = printed(live, 'A network: docker0 and a veth pair', /^\s*cl-eth0\s+(10\.200\.\d+\.2)\//);
    let t = await expectUnsolved(live, 'second-server');
    expect(t.checks[0].detail).toMatch(new RegExp(`GET http://${address.replace(/\./g, '\\.')}:8080/ from the lab namespace failed`));

    const before = pidsRunning('httpd');
    const first = before.find((pid) => nsLink(pid, 'net') === nsLink(builder, 'net'));
    expect(first, 'the step\'s httpd runs in the container\'s network namespace').toBeDefined();
    // httpd -p 8080 puts itself in the background: nsenter returns, the server stays in the container
    execFileSync('nsenter', ['--target', String(first), '--all', '--root', '--wd', '--', 'httpd', '-p', '8080', '-h', '/data'], { timeout: 5000 });
    let second: number | undefined;
    expect(await until(() => (second = pidsRunning('httpd').find((pid) => !before.includes(pid))) !== undefined, 3000)).toBe(true);
    expect(nsLink(second!, 'net'), 'the new httpd is in the container\'s network namespace').toBe(nsLink(builder, 'net'));
    expect(nsLink(second!, 'pid')).toBe(nsLink(first!, 'pid'));
    expect(get(`http://${address}:8080/`, bridge)).toMatch(/hello from the volume[\s\S]*200$/);
    t = await expectSolved(live, 'second-server');
    expect(t.checks[0].detail).toMatch(/:8080\/ \(from the lab namespace\) → 200/);
  });
});
