import { describe, expect, it } from 'vitest';
import { maskPhone } from './mask';

describe('masked phone numbers', () => {
  it('keep the last four digits and the layout, and nothing else', () => {
    expect(maskPhone('+7 916 123-45-67')).toBe('+* *** ***-45-67');
    expect(maskPhone('79161234567')).toBe('*******4567');
    expect(maskPhone('123')).toBe('123');
    expect(maskPhone('')).toBe('');
  });
});
