/** The memory baseline, run as its own process: the bare Bolt app, listening, doing nothing. */
import { listen } from '../../src/http/server.js';
import { bareBoltApp } from './bare-app.js';

const { http } = bareBoltApp('http://127.0.0.1:9/api/');
await listen(http, '127.0.0.1', Number(process.env.PORT ?? 0));
process.send?.('ready');
