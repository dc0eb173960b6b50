import { describe, expect, it } from 'vitest';
import { allows, ROLES } from './roles';

describe('roles', () => {
  it('grant what the README table says', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, (['display', 'view', 'manage'] as const).filter((permission) => allows(role, permission))]));
    expect(table).toEqual({ viewer: ['display', 'view'], manager: ['display', 'view', 'manage'], display: ['display'] });
  });
});
