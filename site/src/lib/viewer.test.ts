import { describe, expect, it } from 'vitest';
import type { Viewer } from './cms/accounts.ts';
import { displayName, pageCacheVariant, requireParticipant, requireViewer } from './viewer.ts';

const viewer: Viewer = {
  id: '1',
  email: 'tom@nhs.net',
  firstName: 'Tom',
  lastName: 'Evans',
  jobTitle: 'Nurse',
  organisation: 'Leeds',
  bio: '',
  profileComplete: true,
  photoUrl: null,
  memberships: [],
};
const context = (who: Viewer | null, path = '/workspaces/a?page=2') => ({ url: new URL(`http://site.test${path}`), locals: { viewer: who } as App.Locals });

describe('pageCacheVariant', () => {
  it('shares pages only among visitors without a session cookie', () => {
    expect(pageCacheVariant(new Request('http://site.test/'))).toBe('anonymous');
    expect(pageCacheVariant(new Request('http://site.test/', { headers: { cookie: 'fnhs_csrf=abc' } }))).toBe('anonymous');
    expect(pageCacheVariant(new Request('http://site.test/', { headers: { cookie: 'fnhs_session=abc' } }))).toBeNull();
  });
});

describe('requireViewer and requireParticipant', () => {
  it('send anonymous visitors to sign in, and back', () => {
    const response = requireViewer(context(null)) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?next=%2Fworkspaces%2Fa%3Fpage%3D2');
  });

  it('send a member with an incomplete profile to complete it, and back', () => {
    const response = requireParticipant(context({ ...viewer, jobTitle: '', profileComplete: false })) as Response;
    expect(response.headers.get('location')).toBe('/account?complete=1&next=%2Fworkspaces%2Fa%3Fpage%3D2');
  });

  it('let a complete member through', () => {
    expect(requireViewer(context(viewer))).toBe(viewer);
    expect(requireParticipant(context(viewer))).toBe(viewer);
  });

  it('name the member, or their email when they have no name yet', () => {
    expect(displayName(viewer)).toBe('Tom Evans');
    expect(displayName({ ...viewer, firstName: '', lastName: '' })).toBe('tom@nhs.net');
  });
});
