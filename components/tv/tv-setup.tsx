'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { LOCALES, LOCALE_NAMES, isLocale } from '@/lib/i18n/locales';
import { operatorsByName, useLabels } from '@/components/load/labels';
import { NO_FILTERS } from '@/components/load/filters';
import { useLoadQuery } from '@/components/queries/use-load-query';
import { PageHeader } from '@/components/ui/page-header';
import { TV_DEFAULTS, TV_PANELS, TV_THEMES, parseDim, tvConfigToSearch, type TvConfig } from './tv-config';

/** Builds a wall display's URL with a live preview, for a supervisor to copy to the TV. */
export function TvSetup() {
  const t = useTranslations('tvSetup');
  const tNav = useTranslations('nav');
  const tFilters = useTranslations('filters');
  const tTeams = useTranslations('teams.tvSetup');
  const tTeamFilter = useTranslations('teams.filter');
  const tAlerts = useTranslations('alerts.tvSetup');
  const labels = useLabels();
  // A display set up from a Russian page speaks Russian unless the supervisor picks otherwise.
  const pageLocale = useLocale();
  const [config, setConfig] = useState<TvConfig>({ ...TV_DEFAULTS, lang: pageLocale });
  const [dimText, setDimText] = useState('');
  const [copied, setCopied] = useState(false);
  const everything = useLoadQuery(NO_FILTERS);
  const search = tvConfigToSearch(config);
  const path = `/tv${search}`;
  // The preview stays silent: the chime is for the TV, not for the page it is set up from.
  const previewPath = `/tv${tvConfigToSearch({ ...config, sound: false })}`;
  const url = typeof window === 'undefined' ? path : `${window.location.origin}${path}`;
  const update = (next: Partial<TvConfig>) => {
    setConfig((current) => ({ ...current, ...next }));
    setCopied(false);
  };
  const teams = everything.data?.byTeam ?? [];
  const operators = useMemo(() => operatorsByName(everything.data?.byUser ?? [], labels), [everything.data, labels]);

  return (
    <main className="page tv-setup">
      <PageHeader title={t('title')} links={[{ href: '/', label: tNav('backToTeamLoad') }]} />
      <div className="tv-setup-grid">
        <form className="panel tv-setup-form" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>{t('panels')}</legend>
            {TV_PANELS.map((panel) => (
              <label key={panel} className="check">
                <input
                  type="checkbox"
                  checked={config.panels.includes(panel)}
                  onChange={(event) =>
                    update({
                      panels: event.target.checked
                        ? TV_PANELS.filter((p) => p === panel || config.panels.includes(p))
                        : config.panels.filter((p) => p !== panel),
                    })
                  }
                />
                {panel === 'teams' ? tTeams('panel') : t(`panel.${panel}`)}
              </label>
            ))}
          </fieldset>
          {/* Teams come from the settings; until a manager defines some there is nothing to choose. */}
          {teams.length > 0 ? (
            <label>
              <span>{tTeams('team')}</span>
              <select value={config.team ?? ''} data-testid="tv-setup-team" onChange={(event) => update({ team: event.target.value || null })}>
                <option value="">{tTeamFilter('allTeams')}</option>
                {teams.map((row) => (
                  <option key={row.teamId} value={row.teamId}>
                    {row.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            <span>{tFilters('channel')}</span>
            <select value={config.channel ?? ''} onChange={(event) => update({ channel: event.target.value || null })}>
              <option value="">{tFilters('allChannels')}</option>
              {(everything.data?.byChannel ?? []).map((row) => (
                <option key={row.apiId} value={row.apiId}>
                  {labels.channelName(row)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{tFilters('operator')}</span>
            <select value={config.user ?? ''} onChange={(event) => update({ user: event.target.value || null })}>
              <option value="">{tFilters('allOperators')}</option>
              {operators.map((row) => (
                <option key={row.userId} value={row.userId}>
                  {labels.operatorName(row)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('perPage')}</span>
            <select value={config.perPage} onChange={(event) => update({ perPage: Number(event.target.value) as TvConfig['perPage'] })}>
              <option value={4}>{t('perPage4')}</option>
              <option value={2}>2</option>
              <option value={1}>1</option>
            </select>
          </label>
          <label>
            <span>{t('rotate')}</span>
            <input type="number" min={5} max={3600} value={config.rotateSeconds} onChange={(event) => update({ rotateSeconds: Math.max(5, Number(event.target.value) || 20) })} />
          </label>
          <label>
            <span>{t('threshold')}</span>
            {/* Empty: the display follows the settings' critical wait. */}
            <input
              type="number"
              min={1}
              max={10080}
              placeholder={tTeams('thresholdFromSettings')}
              value={config.thresholdMinutes ?? ''}
              onChange={(event) => {
                const minutes = Number(event.target.value);
                update({ thresholdMinutes: event.target.value.trim() === '' || !(minutes >= 1) ? null : Math.min(10080, Math.floor(minutes)) });
              }}
            />
          </label>
          <label>
            <span>{t('theme')}</span>
            <select value={config.theme} onChange={(event) => update({ theme: event.target.value as TvConfig['theme'] })}>
              {TV_THEMES.map((theme) => (
                <option key={theme} value={theme}>
                  {t(`themes.${theme}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('language')}</span>
            <select data-testid="tv-setup-language" value={config.lang ?? ''} onChange={(event) => update({ lang: isLocale(event.target.value) ? event.target.value : null })}>
              {LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('dim')}</span>
            <input
              type="text"
              inputMode="numeric"
              placeholder={t('dimNever')}
              value={dimText}
              aria-invalid={dimText !== '' && parseDim(dimText) === null}
              onChange={(event) => {
                setDimText(event.target.value);
                update({ dim: parseDim(event.target.value) });
              }}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={config.names} onChange={(event) => update({ names: event.target.checked })} />
            {t('names')}
          </label>
          <label className="check">
            <input type="checkbox" checked={config.sound} onChange={(event) => update({ sound: event.target.checked })} data-testid="tv-setup-sound" />
            <span>
              {tAlerts('sound')}
              <br />
              <span className="muted small">{tAlerts('soundHint')}</span>
            </span>
          </label>
        </form>
        <section className="panel tv-setup-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('preview')}</h2>
          <div className="tv-preview-frame">
            <iframe title={t('previewFrame')} src={previewPath} tabIndex={-1} />
          </div>
          <div className="tv-setup-url">
            <input readOnly value={url} aria-label={t('url')} data-testid="tv-url" onFocus={(event) => event.target.select()} />
            <button
              type="button"
              className="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(url).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? t('copied') : t('copy')}
            </button>
            <a className="button" href={path} target="_blank" rel="noreferrer">
              {t('open')}
            </a>
          </div>
        </section>
      </div>
    </main>
  );
}
