import { createHash, timingSafeEqual } from 'node:crypto';

// Who may read /metrics: nobody unless METRICS_TOKEN is set (the endpoint then does not exist), and
// then only a scraper sending it as a bearer token. Sessions play no part: Prometheus has none.

export type MetricsAccess = 'off' | 'refused' | 'allowed';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function metricsAccess(token: string | null, authorization: string | null): MetricsAccess {
  if (token === null) return 'off';
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  if (!match) return 'refused';
  // Digests of equal length: the comparison takes as long whatever the guess, even its length.
  return timingSafeEqual(digest(match[1]!), digest(token)) ? 'allowed' : 'refused';
}
