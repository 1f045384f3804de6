/** A reported comment as the forum's moderation route returns it, for the queue's tests. */
export const reportedItem = {
  comment: {
    id: 301,
    parentId: null,
    author: { id: 9, name: 'Sam Lee', jobTitle: 'Paramedic', organisation: 'Yorkshire Ambulance Service' },
    createdAt: '2026-11-20T10:00:00.000Z',
    editedAt: null,
    state: 'visible',
    removedBy: null,
    body: 'Call **me** instead: [details](https://example.org)',
    likeCount: 0,
    replyCount: 0,
    hiddenReason: null,
  },
  thread: { kind: 'discussion', id: 12, title: 'Overnight escalation', sitePath: '/workspaces/virtual-wards/discussions/12' },
  reports: [{ id: 1, reason: 'Advertising', reporter: { id: 4, name: 'Priya Shah', jobTitle: null, organisation: null }, createdAt: '2026-11-21T09:00:00.000Z' }],
};
