import { describe, expect, it } from 'vitest';
import { invitationState } from './invitations.ts';

const invitation = (state: string, expiresAt: string | null = '2099-01-01T00:00:00.000Z') => ({
  workspace: { title: 'Virtual Wards', slug: 'virtual-wards' },
  email: 'new@nhs.net',
  state,
  expiresAt,
});

describe('invitationState', () => {
  it('is open while pending and in date', () => {
    expect(invitationState(invitation('pending'))).toBe('open');
  });
  it('tells every closed state apart', () => {
    for (const state of ['accepted', 'declined', 'revoked', 'expired']) expect(invitationState(invitation(state))).toBe(state);
    expect(invitationState(invitation('pending', '2000-01-01T00:00:00.000Z'))).toBe('expired');
    expect(invitationState(null)).toBe('not-found');
  });
});
