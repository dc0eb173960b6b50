'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** Delete, asked twice: a snapshot cannot be brought back. */
export function DeleteSnapshot({ onDelete, pending, error, compact = false }: { onDelete: () => void; pending: boolean; error: string | null; compact?: boolean }) {
  const t = useTranslations('snapshots');
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={compact ? 'button button-small' : 'button'} data-testid="delete-snapshot" onClick={() => setAsking(true)}>
        {t('delete')}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={t('deleteQuestion')}>
      <span>{t('deleteQuestion')}</span>
      <button type="button" className="button button-danger" data-testid="confirm-delete" disabled={pending} onClick={onDelete}>
        {t('deleteConfirm')}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
