import { timingSafeEqual } from 'node:crypto';
import type { Agenda } from 'agenda';
import { createExpressMiddleware } from 'agendash';
import type { Express, RequestHandler } from 'express';
import { loginThrottle, type LoginThrottle } from './login-throttle.js';

export interface AdminCredentials {
  user: string;
  password: string;
}

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** `Basic <base64>`; the scheme name is case-insensitive (RFC 7235 §2.1, RFC 7617 §2). */
const BASIC = /^basic +([A-Za-z0-9+/=]+) *$/i;

/**
 * HTTP basic auth against the configured admin, compared in constant time. Failed attempts are
 * counted per client address; past the throttle's limit that address gets 429 with Retry-After.
 */
export function basicAuth(
  credentials: AdminCredentials,
  throttle: LoginThrottle = loginThrottle(),
): RequestHandler {
  return (req, res, next) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = throttle.waitFor(address);
    if (wait > 0) {
      res
        .set('Retry-After', String(Math.ceil(wait / 1000)))
        .status(429)
        .send('Too many failed logins: try again later');
      return;
    }
    const encoded = BASIC.exec(req.headers.authorization ?? '')?.[1];
    if (encoded !== undefined) {
      const [user = '', ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
      if (same(user, credentials.user) && same(rest.join(':'), credentials.password)) {
        throttle.succeeded(address);
        return next();
      }
      throttle.failed(address);
    }
    res
      .set('WWW-Authenticate', 'Basic realm="Sportello admin", charset="UTF-8"')
      .status(401)
      .send('Authentication required');
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The browser sends the admin's saved basic-auth login with any request to this host, also one a
 * foreign page makes. A request that changes something must therefore come from the dashboard
 * itself: same-site by Fetch Metadata and Origin when the browser tells them, and JSON, which a
 * cross-site form cannot send and a cross-site script cannot send without a CORS preflight that
 * is never granted here.
 */
export const sameSiteWrites: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const refused =
    (site !== undefined && site !== 'same-origin') ||
    (origin !== undefined && !sameHost(origin, req.get('host'))) ||
    !req.is('application/json');
  if (refused) {
    res.status(403).send('Admin changes are accepted only from the admin pages themselves');
    return;
  }
  next();
};

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The jobs dashboard (Agendash: queued, failed and locked jobs) under /admin/jobs, behind basic
 * auth; without ADMIN_USER/ADMIN_PASSWORD the admin pages are off.
 */
export function mountAdmin(
  app: Express,
  agenda: Agenda,
  credentials: AdminCredentials | undefined,
  throttle?: LoginThrottle,
) {
  if (!credentials) {
    app.use('/admin', (_req, res) => {
      res
        .status(404)
        .send('Admin pages are off: set ADMIN_USER and ADMIN_PASSWORD to turn them on.');
    });
    return;
  }
  app.use('/admin', basicAuth(credentials, throttle), sameSiteWrites);
  app.use('/admin/jobs', createExpressMiddleware(agenda));
}
