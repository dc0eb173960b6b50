import { describe, expect, it } from 'vitest';
import { cookieValue, readSession, renewed, sessionCookie, signSession, type Session } from './session';

const secret = 'a'.repeat(40);
const now = Date.UTC(2026, 10, 28, 12, 0, 0);
const HOUR = 3_600_000;
const person: Session = { name: 'Анна', role: 'manager', displayKeyId: null, issuedAtMs: now - HOUR, seenAtMs: now - HOUR };

describe('session cookies', () => {
  it('read back what was signed', () => {
    expect(readSession(signSession(person, secret), secret, now, 12 * HOUR)).toEqual(person);
  });

  it('are refused when edited, signed with another secret, or not a session at all', () => {
    const value = signSession(person, secret);
    const [payload, mac] = value.split('.');
    const promoted = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('Анна', 'Борис')).toString('base64url');
    expect(readSession(`${promoted}.${mac}`, secret, now, 12 * HOUR)).toBeNull();
    expect(readSession(value, 'b'.repeat(40), now, 12 * HOUR)).toBeNull();
    for (const junk of ['', 'abc', '.', 'x.y', `${payload}.`, `${payload}.${mac}x`]) expect(readSession(junk, secret, now, 12 * HOUR), junk).toBeNull();
  });

  it("end after the idle period for people, and never for a display (its key's revocation ends it)", () => {
    const idle = { ...person, seenAtMs: now - 13 * HOUR };
    expect(readSession(signSession(idle, secret), secret, now, 12 * HOUR)).toBeNull();
    const display: Session = { name: 'TV hall', role: 'display', displayKeyId: 'k1', issuedAtMs: now - 400 * 24 * HOUR, seenAtMs: now - 400 * 24 * HOUR };
    expect(readSession(signSession(display, secret), secret, now, 12 * HOUR)).toEqual(display);
    expect(readSession(signSession({ ...display, displayKeyId: null }, secret), secret, now, 12 * HOUR)).toBeNull();
  });

  it('are renewed while in use, not on every request', () => {
    expect(renewed({ ...person, seenAtMs: now - 10_000 }, now)).toBeNull();
    expect(renewed(person, now)?.seenAtMs).toBe(now);
  });

  it('are httpOnly, SameSite=Lax, and Secure behind HTTPS', () => {
    expect(sessionCookie('v', { secure: false, maxAgeSeconds: 60 })).toBe('chatload_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(sessionCookie('v', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
    expect(cookieValue('a=1; chatload_session=xyz; b=2', 'chatload_session')).toBe('xyz');
    expect(cookieValue(null, 'chatload_session')).toBeUndefined();
  });
});
