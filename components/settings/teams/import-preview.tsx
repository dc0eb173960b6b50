'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo, type RefObject } from 'react';
import type { ImportSummary, NamedTeam } from './settings-file';

interface Props {
  fileName: string;
  summary: ImportSummary;
  /** The draft has edits that saving the file would replace. */
  dropsEdits: boolean;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/** What a chosen file would change, before anything is saved; its heading takes focus. */
export function ImportPreview({ fileName, summary, dropsEdits, saving, onSave, onCancel, headingRef }: Props) {
  const t = useTranslations('teamSettings');
  const locale = useLocale();
  // English is written the British way here as in every date on the page: no serial comma.
  const list = useMemo(() => new Intl.ListFormat(locale === 'en' ? 'en-GB' : locale, { type: 'conjunction' }), [locale]);
  const names = (teams: NamedTeam[]) => list.format(teams.map((team) => `${team.name} (${team.id})`));
  const limit = (value: number | null) => (value === null ? t('noLimit') : String(value));
  const minutes = (value: number | null) => (value === null ? '—' : String(value));
  const lines: string[] = [];
  if (summary.teamsAdded.length > 0) lines.push(t('importTeamsAdded', { count: summary.teamsAdded.length, teams: names(summary.teamsAdded) }));
  if (summary.teamsRemoved.length > 0) lines.push(t('importTeamsRemoved', { count: summary.teamsRemoved.length, teams: names(summary.teamsRemoved) }));
  if (summary.teamsChanged.length > 0) lines.push(t('importTeamsChanged', { count: summary.teamsChanged.length, teams: names(summary.teamsChanged) }));
  if (summary.capacityDefault) lines.push(t('importDefaultCapacity', { from: limit(summary.capacityDefault.from), to: limit(summary.capacityDefault.to) }));
  if (summary.overridesChanged > 0) lines.push(t('importOverrides', { count: summary.overridesChanged }));
  if (summary.thresholds) {
    const { from, to } = summary.thresholds;
    lines.push(t('importThresholds', { from: `${from.warningMinutes}/${from.criticalMinutes}`, to: `${minutes(to.warningMinutes)}/${minutes(to.criticalMinutes)}` }));
  }
  if (summary.awayAfter) lines.push(t('importAwayAfter', { from: String(summary.awayAfter.from), to: minutes(summary.awayAfter.to) }));
  if (summary.exclusionsChanged > 0) lines.push(t('importExclusions', { count: summary.exclusionsChanged }));
  if (summary.otherBalancingChanged) lines.push(t('importOtherBalancing'));
  if (summary.alertsChanged) lines.push(t('importAlerts'));
  if (summary.defaulted.length > 0) lines.push(t('importDefaulted', { sections: list.format(summary.defaulted.map((section) => t(`sections.${section}`))) }));

  return (
    <section className="banner banner-partial ts-import" aria-labelledby="ts-import-title" data-testid="import-preview">
      <div>
        <h3 id="ts-import-title" ref={headingRef} tabIndex={-1}>
          {t('importTitle', { file: fileName })}
        </h3>
        {summary.unchanged ? (
          <p>{t('importNoChange')}</p>
        ) : (
          <ul className="ts-import-list" data-testid="import-changes">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <p className="small">{dropsEdits ? t('importDropsEdits') : t('importChecked')}</p>
        <div className="popover-actions">
          <button type="button" className="button button-primary" disabled={saving} onClick={onSave} data-testid="import-save">
            {saving ? t('saving') : t('importSave')}
          </button>
          <button type="button" className="button" disabled={saving} onClick={onCancel} data-testid="import-cancel">
            {t('cancel')}
          </button>
        </div>
      </div>
    </section>
  );
}
