import { useTranslations } from 'next-intl';

/** Grey placeholders in the shape of the page while the first numbers load. */
export function LoadSkeleton() {
  const t = useTranslations('teamLoad');
  return (
    <div className="skeleton" aria-busy="true" aria-label={t('loading')}>
      <div className="headline">
        {Array.from({ length: 5 }, (_, i) => (
          <div className="headline-item" key={i}>
            <div className="skeleton-block skeleton-number" />
            <div className="skeleton-block skeleton-line" />
          </div>
        ))}
      </div>
      <div className="grid">
        <div className="panel panel-wide">
          <div className="skeleton-block skeleton-chart" />
        </div>
        <div className="panel">
          <div className="skeleton-block skeleton-chart" />
        </div>
        <div className="panel">
          <div className="skeleton-block skeleton-chart" />
        </div>
      </div>
    </div>
  );
}
