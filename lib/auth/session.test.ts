import { describe, expect, it } from 'vitest';
import { cookieValue, readClaims, sessionCookie, signClaims, signLegacyDisplay, type SessionClaims } from './session';

const secret = 'a'.repeat(40);
const claims: SessionClaims = { id: 'A'.repeat(22), name: 'Анна', role: 'manager', displayKeyId: null, credential: 'c'.repeat(22), issuedAtMs: Date.UTC(2026, 10, 28) };

describe('session cookies', () => {
  it('read back what was signed', () => {
    expect(readClaims(signClaims(claims, secret), secret)).toEqual(claims);
  });

  it('are refused when edited, signed with another secret, or not a session at all', () => {
    const value = signClaims(claims, secret);
    const [version, payload, mac] = value.split('.') as [string, string, string];
    const promoted = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('Анна', 'Борис')).toString('base64url');
    expect(readClaims(`${version}.${promoted}.${mac}`, secret)).toBeNull();
    expect(readClaims(value, 'b'.repeat(40))).toBeNull();
    for (const junk of ['', 'abc', '.', 'x.y', '2..', `2.${payload}.`, `${value}x`, `3.${payload}.${mac}`, 'x'.repeat(5000)]) expect(readClaims(junk, secret), junk).toBeNull();
  });

  it('tie a display to its key, and a person to none', () => {
    expect(readClaims(signClaims({ ...claims, role: 'display' }, secret), secret)).toBeNull();
    expect(readClaims(signClaims({ ...claims, displayKeyId: 'k1' }, secret), secret)).toBeNull();
    expect(readClaims(signClaims({ ...claims, role: 'display', displayKeyId: 'k1' }, secret), secret)).toMatchObject({ role: 'display', displayKeyId: 'k1' });
  });

  it('still read a wall display paired before sessions were stored, but no person’s old cookie', () => {
    const legacy = signLegacyDisplay({ name: 'TV hall', displayKeyId: 'k1', issuedAtMs: 1 }, secret);
    expect(readClaims(legacy, secret)).toEqual({ legacy: true, name: 'TV hall', displayKeyId: 'k1', issuedAtMs: 1 });
    const person = Buffer.from(JSON.stringify({ n: 'manager', r: 'manager', k: null, i: 1, s: 1 })).toString('base64url');
    const [, mac] = legacy.split('.');
    expect(readClaims(`${person}.${mac}`, secret)).toBeNull();
  });

  it('are httpOnly, SameSite=Lax, and Secure behind HTTPS', () => {
    expect(sessionCookie('v', { secure: false, maxAgeSeconds: 60 })).toBe('chatload_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(sessionCookie('v', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
    expect(cookieValue('a=1; chatload_session=xyz; b=2', 'chatload_session')).toBe('xyz');
    expect(cookieValue(null, 'chatload_session')).toBeUndefined();
  });
});
