import { useTranslations } from 'next-intl';
import type { AgeBucketTotal } from '@/lib/load/types';
import { ChartBarAgeHistogram } from '@/components/charts/chart-bar-age-histogram';
import { AGE_COLORS } from '@/components/charts/palette';
import { useLabels } from './labels';

export function AgePanel({ buckets }: { buckets: AgeBucketTotal[] }) {
  const t = useTranslations('ages');
  const labels = useLabels();
  return (
    <section className="panel" aria-labelledby="ages-title">
      <h2 id="ages-title">{t('title')}</h2>
      <ChartBarAgeHistogram buckets={buckets} />
      <dl className="age-numbers">
        {buckets.map((bucket) => (
          <div key={bucket.key}>
            <dt>
              <span className="swatch" style={{ background: AGE_COLORS[bucket.key] }} aria-hidden="true" />
              {labels.bucket(bucket.key)}
            </dt>
            <dd data-testid={`age-bucket-${bucket.key}`}>{labels.count(bucket.openChats)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
