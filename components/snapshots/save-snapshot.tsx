'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import type { LoadFilters } from '@/lib/load/aggregate';
import { useProblemWords } from '@/components/load/problem-words';
import { useSaveSnapshot } from '@/components/queries/use-snapshot-queries';

/** "Save snapshot": freezes what the page shows now (with its filters), with an optional label. */
export function SaveSnapshot({ filters, disabled }: { filters: LoadFilters; disabled: boolean }) {
  const t = useTranslations('snapshots');
  const problems = useProblemWords();
  const save = useSaveSnapshot();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const [showPhones, setShowPhones] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const formId = useId();

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const saved = save.data;
  return (
    <div className="popover-anchor">
      <button
        type="button"
        className="button"
        data-testid="save-snapshot"
        aria-expanded={open}
        aria-controls={formId}
        disabled={disabled}
        onClick={() => {
          setOpen((value) => !value);
          save.reset();
        }}
      >
        {t('save')}
      </button>
      {open ? (
        <form
          id={formId}
          className="popover"
          aria-label={t('save')}
          onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ label: label.trim() || null, filters, showPhones });
          }}
        >
          {saved ? (
            <p role="status" data-testid="snapshot-saved">
              {t('saved')}{' '}
              <a href={saved.url} className="link">
                {t('openSaved')}
              </a>
            </p>
          ) : (
            <>
              <label>
                <span>{t('labelField')}</span>
                <input ref={input} type="text" maxLength={100} value={label} placeholder={t('labelPlaceholder')} onChange={(event) => setLabel(event.target.value)} />
              </label>
              <label className="check">
                <input type="checkbox" checked={showPhones} onChange={(event) => setShowPhones(event.target.checked)} />
                {t('showPhones')}
              </label>
              {filters.channel || filters.user ? <p className="muted small">{t('withFilters')}</p> : null}
              {save.isError ? (
                <p className="form-error" role="alert">
                  {t('saveFailed', { reason: problems.request(save.error) })}
                </p>
              ) : null}
              <div className="popover-actions">
                <button type="submit" className="button button-primary" disabled={save.isPending}>
                  {save.isPending ? t('saving') : t('confirmSave')}
                </button>
                <button type="button" className="button" onClick={() => setOpen(false)}>
                  {t('cancel')}
                </button>
              </div>
            </>
          )}
        </form>
      ) : null}
    </div>
  );
}
