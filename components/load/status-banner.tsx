import { useTranslations } from 'next-intl';
import type { LoadResponse } from '@/lib/load/types';
import { useLabels } from './labels';
import { useProblemWords } from './problem-words';
import { bannerFor } from './status';

const ICONS = { offline: '⚡', error: '⛔', stale: '⏸', partial: '◐' } as const;

export function StatusBanner({ data, error }: { data: LoadResponse | undefined; error: unknown }) {
  const t = useTranslations('status');
  const problems = useProblemWords();
  const labels = useLabels();
  const banner = bannerFor(data, error, { t, problems, labels });
  if (!banner) return null;
  return (
    <div className={`banner banner-${banner.kind}`} role={banner.kind === 'partial' ? 'status' : 'alert'} data-testid="status-banner" data-kind={banner.kind}>
      <span className="banner-icon" aria-hidden="true">
        {ICONS[banner.kind]}
      </span>
      <div>
        <strong>{banner.title}</strong>
        {banner.detail ? <span className="banner-detail"> {banner.detail}</span> : null}
      </div>
    </div>
  );
}
