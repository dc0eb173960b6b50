import type { AgeBucketTotal } from '@/lib/load/types';
import { ChartBarAgeHistogram } from '@/components/charts/chart-bar-age-histogram';
import { AGE_COLORS } from '@/components/charts/palette';
import { formatCount } from './labels';

export function AgePanel({ buckets }: { buckets: AgeBucketTotal[] }) {
  return (
    <section className="panel" aria-labelledby="ages-title">
      <h2 id="ages-title">Time since the last message</h2>
      <ChartBarAgeHistogram buckets={buckets} />
      <dl className="age-numbers">
        {buckets.map((bucket) => (
          <div key={bucket.key}>
            <dt>
              <span className="swatch" style={{ background: AGE_COLORS[bucket.key] }} aria-hidden="true" />
              {bucket.label}
            </dt>
            <dd data-testid={`age-bucket-${bucket.key}`}>{formatCount(bucket.openChats)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
