import { describe, expect, it } from 'vitest';
import { NewClientSchema } from '../../src/domain/client/client.js';
import { useTestDatabase } from '../support/database.js';
import { aClient, aComplaint } from '../support/fixtures.js';

describe('where a case’s card is, in the store', () => {
  const db = useTestDatabase('card_move');

  it('keeps the card a move posted when a case read before the move is saved', async () => {
    const clientId = (await db.store.clients.insert(NewClientSchema.parse(aClient()))).id;
    const old = { platform: 'slack' as const, channel: 'C0TRIAGE', messageId: '1700000000.000100' };
    const created = await db.store.complaints.register(
      aComplaint(clientId, { announcement: old }),
      2026,
    );
    const readBefore = (await db.store.complaints.get(created.id))!;
    const moved = {
      platform: 'slack' as const,
      channel: 'C0QUALITY',
      messageId: '1700000000.000200',
    };
    await db.store.complaints.setAnnouncement(created.id, moved);
    const saved = await db.store.complaints.save(
      { ...readBefore, assignee: { platform: 'slack', id: 'U0TECH' } },
      readBefore.revision,
    );
    expect(saved).toBe(true);
    expect(await db.store.complaints.get(created.id)).toMatchObject({
      assignee: { id: 'U0TECH' },
      announcement: moved,
      revision: readBefore.revision + 1,
    });
  });
});
