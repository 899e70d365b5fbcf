// sha256 digests in OCI form: known vectors, validation, short form.
import { describe, expect, it } from 'vitest';
import { digestHex, isDigest, sha256Digest, sha256Hex, shortDigest } from '../../../src/image/digest.js';

describe('digest', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Digest('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('accepts only sha256:<64 lowercase hex>', () => {
    expect(isDigest(sha256Digest('x'))).toBe(true);
    expect(isDigest('sha256:' + 'A'.repeat(64))).toBe(false);
    expect(isDigest('sha512:' + 'a'.repeat(64))).toBe(false);
    expect(isDigest('sha256:' + 'a'.repeat(63))).toBe(false);
    expect(isDigest(42)).toBe(false);
    expect(() => digestHex('sha256:../../etc/passwd')).toThrow(/not a sha256 digest/);
    expect(digestHex(sha256Digest('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('shortens like docker image IDs', () => {
    expect(shortDigest(sha256Digest('abc'))).toBe('sha256:ba7816bf8f01');
    expect(shortDigest('not a digest')).toBe('not a digest');
  });
});
