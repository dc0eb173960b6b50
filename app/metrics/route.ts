import { ApiError, errorBody } from '@/lib/api/errors';
import { publicRoute } from '@/lib/api/guard';
import { json } from '@/lib/api/respond';
import { metricsAccess } from '@/lib/metrics/access';

export const dynamic = 'force-dynamic';

// GET /metrics – Prometheus text format: the live load by channel and team (ids only), the upstream's
// health and latency, moves; 404 unless METRICS_TOKEN is set, then only with it as a bearer token
export const GET = publicRoute(async ({ request, runtime }) => {
  const access = metricsAccess(runtime.config.metricsToken, request.headers.get('authorization'));
  if (access === 'off') throw ApiError.notFound('Metrics are off: set METRICS_TOKEN to turn GET /metrics on.');
  if (access === 'refused') {
    return json(errorBody('unauthorized', 'GET /metrics needs the METRICS_TOKEN as a bearer token: Authorization: Bearer <token>.'), 401, {
      'www-authenticate': 'Bearer realm="chatload metrics"',
    });
  }
  // A scrape counts as a viewer: the data stays fresh (and the upstream's state true) while Prometheus
  // watches. It never waits for a refresh: a scrape answers at once with what there is.
  runtime.store.noteDemand();
  return new Response(await runtime.metrics.render(), {
    headers: { 'content-type': runtime.metrics.contentType, 'cache-control': 'no-store' },
  });
});
