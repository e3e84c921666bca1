/**
 * Builds the Teams app package an admin uploads: manifest.json (with the bot's app id and host
 * filled in) plus the colour (192×192) and outline (32×32, white on transparent) icons.
 * Usage: TEAMS_APP_ID=<guid> [PUBLIC_HOST=bot.example.com] npm run teams:package
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { zipSync } from 'fflate';

const here = 'manifest/teams';
const appId = process.env.TEAMS_APP_ID ?? '00000000-0000-0000-0000-000000000000';
const host = process.env.PUBLIC_HOST ?? 'sportello.example.com';
if (!process.env.TEAMS_APP_ID)
  console.warn('TEAMS_APP_ID is not set: the package uses a placeholder id');

const png = (svg: string, size: number) =>
  Buffer.from(
    new Resvg(readFileSync(path.join(here, svg), 'utf8'), { fitTo: { mode: 'width', value: size } })
      .render()
      .asPng(),
  );

export function buildPackage(): Uint8Array {
  const manifest = readFileSync(path.join(here, 'manifest.json'), 'utf8')
    .replaceAll('{{TEAMS_APP_ID}}', appId)
    .replaceAll('sportello.example.com', host);
  return zipSync({
    'manifest.json': Buffer.from(manifest),
    'color.png': png('icon.svg', 192),
    'outline.png': png('outline.svg', 32),
  });
}

mkdirSync('dist', { recursive: true });
const out = path.join('dist', 'sportello-teams.zip');
writeFileSync(out, buildPackage());
console.log(`wrote ${out}`);
