import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TEAMS_COMMANDS } from '../../../src/bot/ids.js';

const size = (png: Uint8Array) => {
  const view = Buffer.from(png);
  expect(view.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [view.readUInt32BE(16), view.readUInt32BE(20)];
};

describe('the Teams app package', () => {
  it('builds the zip an admin uploads, with the app id, the icons and the commands the code answers', () => {
    const appId = '11111111-2222-3333-4444-555555555555';
    execFileSync('npx', ['tsx', 'scripts/teams-package.ts'], {
      env: { ...process.env, TEAMS_APP_ID: appId, PUBLIC_HOST: 'bot.acme.it' },
      stdio: 'pipe',
    });
    const files = unzipSync(readFileSync('dist/sportello-teams.zip'));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.validDomains).toEqual(['bot.acme.it']);
    const commands = manifest.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) =>
      l.commands.map((c) => c.title),
    );
    expect(commands.sort()).toEqual([...TEAMS_COMMANDS.complaint, ...TEAMS_COMMANDS.d2].sort());
    expect(manifest.composeExtensions[0].commands.map((c: { id: string }) => c.id)).toEqual([
      TEAMS_COMMANDS.registerComplaint,
    ]);
    expect(size(files['color.png']!)).toEqual([192, 192]);
    expect(size(files['outline.png']!)).toEqual([32, 32]);
  });
});
