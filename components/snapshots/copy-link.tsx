'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** Copies the full address of a page, for sharing a snapshot. */
export function CopyLink({ path }: { path: string }) {
  const t = useTranslations('snapshots');
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button"
      data-testid="copy-link"
      onClick={async () => {
        await navigator.clipboard?.writeText(`${window.location.origin}${path}`).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 3000);
      }}
    >
      <span aria-live="polite">{copied ? t('copied') : t('copyLink')}</span>
    </button>
  );
}
