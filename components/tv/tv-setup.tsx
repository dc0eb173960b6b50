'use client';

import { useMemo, useState } from 'react';
import { channelName, operatorName, operatorsByName } from '@/components/load/labels';
import { NO_FILTERS } from '@/components/load/filters';
import { useLoadQuery } from '@/components/queries/use-load-query';
import { ThemeSwitch } from '@/components/ui/theme-switch';
import { TV_DEFAULTS, TV_PANELS, TV_THEMES, parseDim, tvConfigToSearch, type TvConfig, type TvPanel } from './tv-config';

const PANEL_LABELS: Record<TvPanel, string> = {
  headline: 'Headline numbers',
  operators: 'Load per operator',
  channels: 'Channels',
  ages: 'Time since the last message',
  waiting: 'Longest waiting chats',
};

/** Builds a wall display's URL with a live preview, for a supervisor to copy to the TV. */
export function TvSetup() {
  const [config, setConfig] = useState<TvConfig>(TV_DEFAULTS);
  const [dimText, setDimText] = useState('');
  const [copied, setCopied] = useState(false);
  const everything = useLoadQuery(NO_FILTERS);
  const search = tvConfigToSearch(config);
  const path = `/tv${search}`;
  const url = typeof window === 'undefined' ? path : `${window.location.origin}${path}`;
  const update = (next: Partial<TvConfig>) => {
    setConfig((current) => ({ ...current, ...next }));
    setCopied(false);
  };
  const operators = useMemo(() => operatorsByName(everything.data?.byUser ?? []), [everything.data]);

  return (
    <main className="page tv-setup">
      <header className="page-header">
        <h1>Wall display setup</h1>
        <div className="header-side">
          <a href="/" className="header-link">
            Back to team load
          </a>
          <ThemeSwitch />
        </div>
      </header>
      <div className="tv-setup-grid">
        <form className="panel tv-setup-form" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>Panels</legend>
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
                {PANEL_LABELS[panel]}
              </label>
            ))}
          </fieldset>
          <label>
            <span>Channel</span>
            <select value={config.channel ?? ''} onChange={(event) => update({ channel: event.target.value || null })}>
              <option value="">All channels</option>
              {(everything.data?.byChannel ?? []).map((row) => (
                <option key={row.apiId} value={row.apiId}>
                  {channelName(row)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Operator</span>
            <select value={config.user ?? ''} onChange={(event) => update({ user: event.target.value || null })}>
              <option value="">All operators</option>
              {operators.map((row) => (
                <option key={row.userId} value={row.userId}>
                  {operatorName(row)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Panels per screen (more rotate)</span>
            <select value={config.perPage} onChange={(event) => update({ perPage: Number(event.target.value) as TvConfig['perPage'] })}>
              <option value={4}>4 (2 × 2)</option>
              <option value={2}>2</option>
              <option value={1}>1</option>
            </select>
          </label>
          <label>
            <span>Seconds per screen</span>
            <input type="number" min={5} max={3600} value={config.rotateSeconds} onChange={(event) => update({ rotateSeconds: Math.max(5, Number(event.target.value) || 20) })} />
          </label>
          <label>
            <span>Waiting too long after (minutes)</span>
            <input type="number" min={1} max={10080} value={config.thresholdMinutes} onChange={(event) => update({ thresholdMinutes: Math.max(1, Number(event.target.value) || 15) })} />
          </label>
          <label>
            <span>Display theme</span>
            <select value={config.theme} onChange={(event) => update({ theme: event.target.value as TvConfig['theme'] })}>
              {TV_THEMES.map((theme) => (
                <option key={theme} value={theme}>
                  {theme === 'contrast' ? 'high contrast' : theme}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Dim at night (e.g. 22:00-07:00)</span>
            <input
              type="text"
              inputMode="numeric"
              placeholder="never"
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
            Show customer names on the wall (everyone walking past can read them)
          </label>
        </form>
        <section className="panel tv-setup-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview</h2>
          <div className="tv-preview-frame">
            <iframe title="Wall display preview" src={path} tabIndex={-1} />
          </div>
          <div className="tv-setup-url">
            <input readOnly value={url} aria-label="Wall display URL" data-testid="tv-url" onFocus={(event) => event.target.select()} />
            <button
              type="button"
              className="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(url).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy URL'}
            </button>
            <a className="button" href={path} target="_blank" rel="noreferrer">
              Open
            </a>
          </div>
        </section>
      </div>
    </main>
  );
}
