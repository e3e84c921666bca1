import { Schema } from 'mongoose';
import { describe, expect, it, vi } from 'vitest';
import { createAgenda } from '../../src/jobs/agenda.js';
import { useTestDatabase } from '../support/database.js';
import { aClient } from '../support/fixtures.js';

/** What the bot needs from the database, proven against whatever MONGODB_URI points at. */
describe('the database the tests run on', () => {
  const db = useTestDatabase('smoke');

  it('creates collections and a unique index with mongoose init(), and enforces it', async () => {
    const indexes = await db.store.models.client.collection.indexes();
    expect(indexes.find((index) => index.key.code === 1)?.unique).toBe(true);

    await db.store.models.client.create(aClient({ code: 'DUP-1' }));
    await expect(db.store.models.client.create(aClient({ code: 'DUP-1' }))).rejects.toMatchObject({
      code: 11000,
    });
    expect(await db.store.models.client.countDocuments({ code: 'DUP-1' })).toBe(1);
  });

  it('claims the first document in sort order with findOneAndUpdate', async () => {
    const Task = db.connection.model(
      'SmokeTask',
      new Schema({ rank: Number, state: String, owner: String }),
    );
    // As below: create the collection before writing to it on the CI server.
    await Task.createCollection();
    await Task.insertMany([
      { rank: 3, state: 'queued' },
      { rank: 1, state: 'queued' },
      { rank: 2, state: 'queued' },
    ]);
    const claim = () =>
      Task.findOneAndUpdate(
        { state: 'queued' },
        { $set: { state: 'taken', owner: 'me' } },
        { sort: { rank: 1 }, returnDocument: 'after' },
      ).lean();
    expect((await claim())?.rank).toBe(1);
    expect((await claim())?.rank).toBe(2);
    expect(await Task.countDocuments({ state: 'queued' })).toBe(1);
  });

  it('groups with an aggregation pipeline', async () => {
    const Row = db.connection.model('SmokeRow', new Schema({ priority: String, cost: Number }));
    // Create the collection first: an implicit create racing the first insert has once made
    // mongo-java-server answer "Expected one element but got zero".
    await Row.createCollection();
    await Row.insertMany([
      { priority: 'P1', cost: 10 },
      { priority: 'P2', cost: 5 },
      { priority: 'P1', cost: 7.5 },
    ]);
    const rows = await Row.aggregate<{ _id: string; n: number; cost: number }>([
      { $match: { cost: { $gte: 0 } } },
      { $group: { _id: '$priority', n: { $sum: 1 }, cost: { $sum: '$cost' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'P1', n: 2, cost: 17.5 },
      { _id: 'P2', n: 1, cost: 5 },
    ]);
  });

  it('runs an Agenda job through its lock-and-run cycle', async () => {
    const agenda = createAgenda(db.connection.db!, { name: 'smoke', processEveryMs: 100 });
    const seen: string[] = [];
    agenda.define('smoke-job', async (job: { attrs: { data: { greeting: string } } }) => {
      seen.push(job.attrs.data.greeting);
    });
    const finished = new Promise<void>((resolve) =>
      agenda.once('success:smoke-job', () => resolve()),
    );
    await agenda.start();
    await agenda.now('smoke-job', { greeting: 'ciao' });
    await finished;
    // The job's final state is saved just after the success event.
    const stored = await vi.waitFor(
      async () => {
        const job = await db.connection.db!.collection('agendaJobs').findOne({ name: 'smoke-job' });
        if (!(job?.lastFinishedAt instanceof Date)) throw new Error('not finished yet');
        return job;
      },
      { timeout: 5_000, interval: 50 },
    );
    await agenda.stop();

    expect(seen).toEqual(['ciao']);
    expect(stored.lastRunAt).toBeInstanceOf(Date);
    expect(stored.lockedAt ?? null).toBeNull();
  });
});
