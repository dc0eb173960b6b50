'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState, type RefObject } from 'react';
import type { LoadFilters } from '@/lib/load/aggregate';
import { downloadPng, pictureFileName } from './png';

interface Props {
  /** `/api/export` for the live view, `/api/snapshots/{id}/export` for a snapshot. */
  exportPath: string;
  /** The live view's filters; a snapshot's are frozen on the server. */
  filters: LoadFilters | null;
  /** The panels to draw into the picture. */
  capture: RefObject<HTMLElement | null>;
  asOf: string | null;
  pictureName: string;
}

/** Export: CSV (chats or operators), Excel, JSON, a picture of the charts, and print to PDF. */
export function ExportMenu({ exportPath, filters, capture, asOf, pictureName }: Props) {
  const t = useTranslations('exports');
  const locale = useLocale();
  // Excel in Russian splits CSV on ";" (its decimal mark is the comma): the default follows the page.
  const [sep, setSep] = useState<',' | ';'>(locale === 'ru' ? ';' : ',');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);

  const href = (format: 'csv' | 'xlsx' | 'json', rows?: 'chats' | 'operators') => {
    const params = new URLSearchParams({ format });
    if (rows) params.set('rows', rows);
    if (format === 'csv') params.set('sep', sep);
    if (filters?.channel) params.set('channel', filters.channel);
    if (filters?.user) params.set('user', filters.user);
    if (filters?.team) params.set('team', filters.team);
    return `${exportPath}?${params}`;
  };
  const close = () => menu.current?.removeAttribute('open');

  return (
    <details className="menu" ref={menu} data-no-capture data-testid="export-menu">
      <summary className="button">{t('export')}</summary>
      <div className="menu-list" role="group" aria-label={t('export')}>
        <a className="menu-item" href={href('csv', 'chats')} download data-testid="export-csv-chats" onClick={close}>
          {t('csvChats')}
        </a>
        <a className="menu-item" href={href('csv', 'operators')} download data-testid="export-csv-operators" onClick={close}>
          {t('csvOperators')}
        </a>
        <label className="menu-item menu-option">
          <span>{t('separator')}</span>
          <select value={sep} onChange={(event) => setSep(event.target.value === ';' ? ';' : ',')} data-testid="export-separator">
            <option value=",">{t('comma')}</option>
            <option value=";">{t('semicolon')}</option>
          </select>
        </label>
        <a className="menu-item" href={href('xlsx')} download data-testid="export-xlsx" onClick={close}>
          {t('xlsx')}
        </a>
        <a className="menu-item" href={href('json')} download data-testid="export-json" onClick={close}>
          {t('json')}
        </a>
        <button
          type="button"
          className="menu-item"
          data-testid="export-png"
          disabled={busy || !capture.current || !asOf}
          onClick={async () => {
            if (!capture.current || !asOf) return;
            setBusy(true);
            setFailed(false);
            try {
              await downloadPng(capture.current, pictureFileName(asOf, pictureName));
              close();
            } catch {
              setFailed(true);
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? t('pngBusy') : t('png')}
        </button>
        {failed ? (
          <p className="form-error" role="alert">
            {t('pngFailed')}
          </p>
        ) : null}
        <button
          type="button"
          className="menu-item"
          onClick={() => {
            close();
            window.print();
          }}
        >
          {t('print')}
        </button>
      </div>
    </details>
  );
}
