import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, COMMANDS, OPTIONS, SHORTCUTS, VIEWS } from '../../../src/bot/ids.js';

const manifest = JSON.parse(readFileSync('manifest/slack/manifest.json', 'utf8')) as {
  features: {
    slash_commands: { command: string; url: string }[];
    shortcuts: { callback_id: string }[];
  };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
  };
  oauth_config: { scopes: { bot: string[] } };
};

const slackSource = (dir = 'src/bot/slack'): string =>
  readdirSync(dir, { withFileTypes: true })
    .map((entry) =>
      entry.isDirectory()
        ? slackSource(join(dir, entry.name))
        : readFileSync(join(dir, entry.name), 'utf8'),
    )
    .join('\n');

describe('the Slack app manifest', () => {
  it('declares exactly the commands and shortcuts the code listens to', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      Object.values(COMMANDS).sort(),
    );
    expect(manifest.features.shortcuts.map((s) => s.callback_id).sort()).toEqual(
      Object.values(SHORTCUTS).sort(),
    );
  });

  it('sends commands, events, interactions and select options to /slack/events', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
    ];
    expect(urls.every((url) => new URL(url).pathname === '/slack/events')).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('asks for the scopes the Web API calls need', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['chat:write', 'commands', 'im:write', 'users:read']),
    );
  });

  it('has every action, view and option id used by a listener and by a block, and no stray ids', () => {
    const source = slackSource();
    for (const [group, ids] of Object.entries({ ACTIONS, VIEWS, OPTIONS, SHORTCUTS, COMMANDS })) {
      for (const key of Object.keys(ids))
        expect(source, `${group}.${key}`).toContain(`${group}.${key}`);
    }
    const literals = source.match(/'(case|approval|d2|client)_[a-z_]+'/g) ?? [];
    expect(
      literals.filter(
        (l) => !['case_actions', 'approval_actions', 'd2_actions'].includes(l.slice(1, -1)),
      ),
    ).toEqual([]);
  });
});
