import { describe, expect, it } from '@jest/globals';
import { ENGAGE_ACTIONS } from 'engage-send';
import { DEMO_CONTROLLERS } from '../src/routes/demo-controllers.js';
import { listRoutes } from '../src/routes/route-table.js';

describe('listRoutes(DEMO_CONTROLLERS)', () => {
  it('lists one route per Send API action, as the start-up log shows them', () => {
    const routes = listRoutes(DEMO_CONTROLLERS);
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/threads', action: 'threads.create' },
        { method: 'POST', path: '/users', action: 'users.create' },
        { method: 'POST', path: '/messages', action: 'messages.create' },
        { method: 'POST', path: '/private-messages', action: 'private_messages.create' },
        { method: 'POST', path: '/messages/:id/read', action: 'status.mark_as_read' },
        { method: 'POST', path: '/threads/:threadId/typing', action: 'typing.start' },
        { method: 'DELETE', path: '/threads/:threadId/typing', action: 'typing.stop' },
      ]),
    );
    expect(routes).toHaveLength(7);
    expect(new Set(routes.map((r) => r.action))).toEqual(new Set(ENGAGE_ACTIONS));
  });
});
