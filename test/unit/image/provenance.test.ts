// The image cache's build record and the decision it feeds: use the cached image, rebuild it (and say why), or say what to install.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '../../../src/errors.js';
import { imageCacheDir } from '../../../src/image/labImage.js';
import {
  BUILDER_FORMAT, PROVENANCE_FILE, imagePrograms, judgeCache, pickSource, readProvenance, writeProvenance,
  type HostSources, type Provenance,
} from '../../../src/image/provenance.js';

const tmp = mkdtempSync(join(tmpdir(), 'cl-provenance-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DIGEST = 'sha256:' + 'a'.repeat(64);
const BUSYBOX = { path: '/usr/bin/busybox', size: 2_000_000, mtimeMs: 1_700_000_000_000.5 };
const APPLETS = ['busybox', 'cat', 'httpd', 'ls', 'sh', 'sleep'];
const HOST = ['cat', 'ls', 'sh', 'sleep'];

const fromBusybox: Provenance = { format: BUILDER_FORMAT, source: 'busybox', busybox: BUSYBOX, programs: APPLETS, manifestDigest: DIGEST };
const fromHost: Provenance = { format: BUILDER_FORMAT, source: 'host-binaries', busybox: null, programs: HOST, manifestDigest: DIGEST };

const withBusybox: HostSources = { busybox: { ...BUSYBOX, programs: APPLETS }, hostPrograms: HOST };
const hostOnly: HostSources = { busybox: null, hostPrograms: HOST };

let n = 0;
/** A cache directory with a build record in it (or, for a string, that text as the file). */
function fixture(record?: Provenance | string): string {
  const dir = join(tmp, `cache-${++n}`);
  mkdirSync(dir, { recursive: true });
  if (typeof record === 'string') writeFileSync(join(dir, PROVENANCE_FILE), record);
  else if (record) writeProvenance(dir, record);
  return dir;
}

function judge(record: Provenance | string | undefined, host: HostSources, opts: { needs?: string[]; source?: 'busybox' | 'host-binaries' } = {}) {
  const dir = fixture(record);
  return judgeCache(readProvenance(dir), { dir, manifestDigest: DIGEST, host, ...opts });
}

function thrown(fn: () => unknown): LabError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('expected a LabError');
}

describe('the test run\'s own cache', () => {
  it('CONTAINER_LAB_CACHE_DIR is set for every run, to a directory of its own: never the user\'s cache', () => {
    const dir = process.env.CONTAINER_LAB_CACHE_DIR;
    expect(dir).toMatch(new RegExp(`^${tmpdir()}/container-lab-test-cache-`));
    expect(imageCacheDir()).toBe(join(dir!, 'image'));
  });

  it('the variable names container-lab\'s cache directory; CONTAINER_LAB_IMAGE_DIR still names the image directory itself', () => {
    expect(imageCacheDir(1000, { HOME: '/home/a', CONTAINER_LAB_CACHE_DIR: '/t/c' })).toBe('/t/c/image');
    expect(imageCacheDir(0, { CONTAINER_LAB_CACHE_DIR: '/t/c', CONTAINER_LAB_IMAGE_DIR: '/t/i' })).toBe('/t/i');
  });
});

describe('the build record', () => {
  it('is read back as written', () => {
    expect(readProvenance(fixture(fromBusybox))).toEqual({ provenance: fromBusybox });
  });

  it('a missing, broken or foreign file is no record, with the reason', () => {
    expect(readProvenance(fixture())).toEqual({ missing: `no ${PROVENANCE_FILE}` });
    expect(readProvenance(fixture('{ not json'))).toMatchObject({ missing: expect.stringMatching(/is unreadable/) });
    expect(readProvenance(fixture(JSON.stringify({ ...fromHost, source: 'alpine' })))).toEqual({ missing: `${PROVENANCE_FILE} is not a build record` });
    expect(readProvenance(fixture(JSON.stringify({ ...fromHost, programs: 'sh' })))).toEqual({ missing: `${PROVENANCE_FILE} is not a build record` });
  });

  it('lists the programs a layer puts on PATH: files and symlinks in bin, sbin, usr/bin, usr/sbin', () => {
    expect(imagePrograms([
      { path: 'bin/busybox', type: 'file', mode: 0o755 },
      { path: 'bin/sh', type: 'symlink', mode: 0o777, linkname: '/bin/busybox' },
      { path: 'usr/sbin/httpd', type: 'symlink', mode: 0o777, linkname: '/bin/busybox' },
      { path: 'bin/sh', type: 'symlink', mode: 0o777, linkname: '/bin/busybox' },
      { path: 'lib/x86_64-linux-gnu/libc.so.6', type: 'file', mode: 0o755 },
      { path: 'usr/bin', type: 'dir', mode: 0o755 },
      { path: 'usr/share/hello/message', type: 'file', mode: 0o644 },
    ])).toEqual(['busybox', 'httpd', 'sh']);
  });
});

describe('using or rebuilding the cached image', () => {
  it('uses it when its record is from this builder and the host could build nothing better', () => {
    expect(judge(fromBusybox, withBusybox)).toEqual({ use: true });
    expect(judge(fromBusybox, withBusybox, { needs: ['httpd'] })).toEqual({ use: true });
    expect(judge(fromHost, hostOnly)).toEqual({ use: true });
    // busybox-static removed since: the busybox image still serves
    expect(judge(fromBusybox, hostOnly, { needs: ['httpd'] })).toEqual({ use: true });
  });

  it('a static busybox that appeared since a build from the host\'s binaries: rebuilt from it, saying so', () => {
    const verdict = judge(fromHost, withBusybox);
    expect(verdict).toEqual({
      use: false,
      source: 'busybox',
      reason: 'a static busybox is on this host now (/usr/bin/busybox), and the cached lab image was built from the host\'s own binaries: rebuilding it from busybox',
    });
    // asked for the host's binaries (tests do): kept
    expect(judge(fromHost, withBusybox, { source: 'host-binaries' })).toEqual({ use: true });
  });

  it('a busybox that changed (size or mtime) since the build: rebuilt', () => {
    const changed: HostSources = { ...withBusybox, busybox: { ...withBusybox.busybox!, size: BUSYBOX.size + 1 } };
    expect(judge(fromBusybox, changed)).toEqual({
      use: false,
      source: 'busybox',
      reason: 'the host\'s busybox changed since the lab image was built (was /usr/bin/busybox, 2000000 bytes; now /usr/bin/busybox, 2000001 bytes): rebuilding it',
    });
    const touched: HostSources = { ...withBusybox, busybox: { ...withBusybox.busybox!, mtimeMs: BUSYBOX.mtimeMs + 1 } };
    expect(judge(fromBusybox, touched)).toMatchObject({ use: false, source: 'busybox' });
  });

  it('a step needs a program the cached image lacks: rebuilt from a source that has it', () => {
    const noHttpd = { ...fromBusybox, busybox: { ...BUSYBOX, size: 1 }, programs: HOST };
    expect(judge(fromHost, withBusybox, { needs: ['httpd'], source: undefined })).toMatchObject({ use: false, source: 'busybox' });
    expect(judge(noHttpd, withBusybox, { needs: ['httpd'] })).toEqual({
      use: false,
      source: 'busybox',
      reason: 'the cached lab image has no httpd, which this step needs: rebuilding it from the host\'s static busybox',
    });
  });

  it('no rebuild could have it: a LabError that says to install busybox-static, instead of a failed step later', () => {
    const none = thrown(() => judge(fromHost, hostOnly, { needs: ['httpd'] }));
    expect(none.message).toBe('the lab image has no httpd, which this step needs, and this host has no static busybox to build one that has');
    expect(none.hint).toMatch(/^install busybox-static \(e\.g\. sudo apt-get install busybox-static\)/);
    const small: HostSources = { ...withBusybox, busybox: { ...withBusybox.busybox!, programs: HOST } };
    const noApplet = thrown(() => judge({ ...fromBusybox, programs: HOST }, small, { needs: ['httpd'] }));
    expect(noApplet.message).toMatch(/the static busybox on this host \(\/usr\/bin\/busybox\) has no such applet$/);
    expect(noApplet.hint).toMatch(/^install busybox-static/);
  });

  it('no record, a record of another image, another builder format, another source than asked: rebuilt', () => {
    expect(judge(undefined, hostOnly)).toMatchObject({ use: false, source: 'host-binaries', reason: expect.stringMatching(/has no record of how it was built \(no container-lab-build\.json\); building it again$/) });
    expect(judge({ ...fromBusybox, manifestDigest: 'sha256:' + 'b'.repeat(64) }, withBusybox)).toMatchObject({ use: false, reason: expect.stringMatching(/is about another image/) });
    expect(judge({ ...fromBusybox, format: BUILDER_FORMAT - 1 }, withBusybox)).toMatchObject({ use: false, source: 'busybox', reason: expect.stringMatching(/another builder format/) });
    expect(judge(fromBusybox, withBusybox, { source: 'host-binaries' })).toMatchObject({ use: false, source: 'host-binaries', reason: expect.stringMatching(/was built from busybox; building it from host-binaries as asked$/) });
  });
});

describe('the source a build takes', () => {
  it('a static busybox first, else the host\'s binaries; the first that has what is needed', () => {
    expect(pickSource(withBusybox)).toBe('busybox');
    expect(pickSource(hostOnly)).toBe('host-binaries');
    expect(pickSource({ busybox: { ...BUSYBOX, programs: ['sh'] }, hostPrograms: HOST }, ['ls'])).toBe('host-binaries');
    expect(pickSource(withBusybox, ['httpd'], 'busybox')).toBe('busybox');
  });

  it('nothing to build from, or not what was asked: says what to install', () => {
    expect(thrown(() => pickSource({ busybox: null, hostPrograms: null })).message).toMatch(/no static busybox on PATH, and ldd is missing/);
    expect(thrown(() => pickSource(hostOnly, [], 'busybox')).hint).toMatch(/^install busybox-static/);
    expect(thrown(() => pickSource(withBusybox, ['httpd'], 'host-binaries')).message).toMatch(/no httpd, which this step needs, and an image from the host's own binaries cannot have it/);
  });
});
