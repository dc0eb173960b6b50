import type { Banner } from './status';

const ICONS = { offline: '⚡', error: '⛔', stale: '⏸', partial: '◐' } as const;

export function StatusBanner({ banner }: { banner: Banner | null }) {
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
