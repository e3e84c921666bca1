import { describe, expect, it } from 'vitest';
import { setDigestDestination, setFollowMode } from '../../src/domain/settings/change-settings.js';
import {
  DIGEST_DESTINATION_KEY,
  digestDestinationOf,
  followKey,
  followModeOf,
} from '../../src/domain/settings/settings.js';
import { FixedClock } from '../fakes/in-memory-services.js';
import { rome } from '../support/calendar.js';
import { useTestDatabase } from '../support/database.js';
import { director, operator } from '../support/fixtures.js';

describe('settings in the store, validated by the domain both ways', () => {
  const db = useTestDatabase('settings_store');
  const clock = new FixedClock(rome('2026-11-23 10:00'));
  const services = () => ({
    settings: db.store.settings,
    roles: db.store.roles,
    clock,
    events: db.store.caseEvents,
  });

  it('keeps one value per key, the last one set, with who set it and when', async () => {
    await db.store.roles.assign(director, ['DCOM']);
    expect(await followModeOf(db.store.settings, operator)).toBe('thread');
    expect(await setFollowMode(services(), operator, { mode: 'dm' })).toEqual({
      ok: true,
      value: 'dm',
    });
    expect(await setFollowMode(services(), operator, { mode: 'off' })).toEqual({
      ok: true,
      value: 'off',
    });
    expect(await followModeOf(db.store.settings, operator)).toBe('off');
    expect(await followModeOf(db.store.settings, director)).toBe('thread');
    const docs = await db.store.models.setting.find({}).lean();
    expect(docs).toEqual([
      {
        _id: followKey(operator),
        value: 'off',
        updatedBy: operator,
        updatedAt: rome('2026-11-23 10:00'),
      },
    ]);
  });

  it('stores nothing that is not a mode or a place, and refuses the place to anyone but DCOM', async () => {
    const bad = await setFollowMode(services(), operator, { mode: 'sempre' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    const forged = { platform: 'teams', channel: '19:x@thread.tacv2' };
    expect(await setDigestDestination(services(), operator, { destination: forged })).toMatchObject(
      { ok: false, error: { code: 'SETTINGS.FORBIDDEN' } },
    );
    for (const destination of [
      { platform: 'slack', channel: 'D0DM' },
      { platform: 'slack', channel: 'U0TECH' },
      { platform: 'email', channel: 'x@example.com' },
      { platform: 'teams', channel: '' },
      { platform: 'slack', channel: 'C0KPI<script>' },
    ])
      expect(await setDigestDestination(services(), director, { destination })).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID' },
      });
    expect(await db.store.settings.read(DIGEST_DESTINATION_KEY)).toBeUndefined();
    expect(await followModeOf(db.store.settings, operator)).toBe('off');
  });

  it('reads a value that is no longer valid as if unset: the default, or the deployment’s place', async () => {
    const fallback = { platform: 'slack' as const, channel: 'C0DEFAULT' };
    await db.store.settings.write(followKey(director), 'sometimes', director, clock.now());
    await db.store.settings.write(
      DIGEST_DESTINATION_KEY,
      { platform: 'fax' },
      director,
      clock.now(),
    );
    expect(await followModeOf(db.store.settings, director)).toBe('thread');
    expect(await digestDestinationOf(db.store.settings, fallback)).toEqual(fallback);
    expect(await digestDestinationOf(db.store.settings, undefined)).toBeUndefined();
    const teams = { platform: 'teams' as const, channel: '19:kpi@thread.tacv2' };
    expect(await setDigestDestination(services(), director, { destination: teams })).toEqual({
      ok: true,
      value: teams,
    });
    expect(await digestDestinationOf(db.store.settings, fallback)).toEqual(teams);
    // Who changed it, when and to what, in the audit trail; the refused attempts left nothing.
    expect(await db.store.caseEvents.history('settings', DIGEST_DESTINATION_KEY)).toMatchObject([
      {
        type: 'settings.digest_destination',
        actor: director,
        at: rome('2026-11-23 10:00'),
        data: { destination: teams },
      },
    ]);
  });
});
