import { describe, expect, it } from 'vitest';
import { auditCsvPath, auditQuery } from './api.ts';
import { actionLabel, actorName, detailsText, parseAuditFilters, targetText } from './audit.ts';
import type { AuditRow } from '@futurenhs/contract';

const people = [{ id: '4', firstName: 'Priya', lastName: 'Shah', jobTitle: '', organisation: '' }];

describe('audit log filters', () => {
  it('applies valid filters and reports bad ones next to their field without applying them', () => {
    const good = parseAuditFilters(new URLSearchParams('action=member.joined&member=4&from=2026-01-01&to=2026-01-31'), people);
    expect(good.errors).toEqual({});
    expect(good.filters).toEqual({ action: 'member.joined', member: '4', from: '2026-01-01', to: '2026-01-31' });

    const bad = parseAuditFilters(new URLSearchParams('action=drop.tables&member=99&from=2026-02-30&to=yesterday'), people);
    expect(Object.keys(bad.errors).sort()).toEqual(['action', 'from', 'member', 'to']);
    expect(bad.filters).toEqual({});
    expect(bad.values.to).toBe('yesterday');

    const backwards = parseAuditFilters(new URLSearchParams('from=2026-03-02&to=2026-03-01'), people);
    expect(backwards.errors.to).toMatch(/after the start date/);
  });

  it('asks the CMS for whole days, and the CSV with the same filters', () => {
    expect(auditQuery({ from: '2026-01-01', to: '2026-01-31' }, 2, 25)).toBe('from=2026-01-01T00%3A00%3A00.000Z&to=2026-01-31T23%3A59%3A59.999Z&page=2&pageSize=25');
    expect(auditCsvPath('my-space', { action: 'member.left' })).toBe('/api/membership/workspaces/my-space/audit.csv?action=member.left');
    expect(auditCsvPath('my-space', {})).toBe('/api/membership/workspaces/my-space/audit.csv');
  });
});

describe('audit log rows in plain English', () => {
  const row = (over: Partial<AuditRow>): AuditRow => ({ id: '1', createdAt: '2026-01-01T10:00:00Z', action: 'member.joined', actor: null, targetUser: null, targetEmail: null, details: {}, ...over });

  it('names a deleted actor as a former member, and says what happened', () => {
    expect(actorName(row({}))).toBe('Former member');
    expect(actorName(row({ actor: { id: '4', firstName: 'Priya', lastName: 'Shah' } }))).toBe('Priya Shah');
    expect(actionLabel('member.promoted')).toBe('Made a member a manager');
    expect(targetText(row({ targetEmail: 'new@nhs.net' }))).toBe('new@nhs.net');
    expect(detailsText(row({ action: 'workspace.visibility-changed', details: { from: 'open', to: 'restricted' } }))).toBe('From open to restricted');
    expect(detailsText(row({ action: 'member.rejected', details: { reason: 'Not a nurse' } }))).toBe('Reason: Not a nurse');
  });
});
