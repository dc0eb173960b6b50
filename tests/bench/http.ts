import autocannon from 'autocannon';

// Closed-loop HTTP load: `connections` viewers, each sending its next request as soon as the last
// one is answered, for `seconds`. What matters is the ratio to the baseline measured the same way.

export interface HttpFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function load(url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<HttpFigures> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
