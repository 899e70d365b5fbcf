// imageStoreOf: docker info's Driver and DriverStatus tell a graph-driver store from containerd's image store.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageStoreOf } from '../../../src/chain/imageStore.js';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/chain/docker-info', name), 'utf8');

describe('imageStoreOf', () => {
  it('Docker 20.10 with overlay2: a graph-driver store', () => {
    expect(imageStoreOf(fixture('20.10-graphdriver.txt'))).toEqual({ kind: 'graphdriver', driver: 'overlay2', version: '20.10.24+dfsg1' });
  });

  it('Docker 29 on a fresh install: containerd\'s image store (driver-type io.containerd.snapshotter.v1)', () => {
    expect(imageStoreOf(fixture('29-containerd.txt'))).toEqual({ kind: 'containerd', driver: 'overlayfs', version: '29.0.0' });
  });

  it('refuses a DriverStatus that is not JSON, in one line', () => {
    expect(() => imageStoreOf('20.10|overlay2|[[')).toThrow('docker info: DriverStatus is not JSON: [[');
  });
});
