import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, sameSecret, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hash with scrypt and a salt of their own, and verify only the right password', async () => {
    const hash = await hashPassword('пароль с пробелами');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(isPasswordHash(hash)).toBe(true);
    expect(await hashPassword('пароль с пробелами')).not.toBe(hash);
    expect(await verifyPassword('пароль с пробелами', hash)).toBe(true);
    expect(await verifyPassword('пароль с пробелами ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('refuse malformed or absurdly expensive hashes instead of trying them', async () => {
    expect(isPasswordHash('plain')).toBe(false);
    expect(isPasswordHash('scrypt$1073741824$8$1$c2FsdA$aGFzaA')).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('compare configured passwords whatever their lengths', () => {
    expect(sameSecret('correct horse', 'correct horse')).toBe(true);
    expect(sameSecret('correct', 'correct horse')).toBe(false);
    expect(sameSecret('', 'correct horse')).toBe(false);
  });
});
