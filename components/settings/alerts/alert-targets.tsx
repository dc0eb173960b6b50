'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ALERT_CHANNELS, type AlertChannelKind, type AlertChannelsResponse, type AlertTestResult } from '@/components/alerts/types';
import { useProblemWords } from '@/components/load/problem-words';
import { useAlertTestSend } from '@/components/queries/use-alerts-query';
import type { AlertDraft } from './alert-draft';

interface Props {
  draft: AlertDraft;
  /** Unsaved edits: a test goes to the saved targets, which the page then says. */
  dirty: boolean;
  channels: UseQueryResult<AlertChannelsResponse>;
  problemOf: (field: string) => string | null;
  onChange: (change: Partial<AlertDraft>) => void;
}

const FIELDS: Record<AlertChannelKind, { key: 'webhookUrl' | 'telegramChatId' | 'emailTo'; field: string; type: 'url' | 'text' }> = {
  webhook: { key: 'webhookUrl', field: 'alerts.webhookUrl', type: 'url' },
  telegram: { key: 'telegramChatId', field: 'alerts.telegramChatId', type: 'text' },
  email: { key: 'emailTo', field: 'alerts.emailTo', type: 'text' },
};

/** Where alert messages go: each channel's state on the server, its target here, and a test-send. */
export function AlertTargets({ draft, dirty, channels, problemOf, onChange }: Props) {
  const t = useTranslations('alerts.settings');
  const tChannels = useTranslations('alerts.channels');
  const problemWords = useProblemWords();
  const status = new Map((channels.data?.channels ?? []).map((channel) => [channel.kind, channel]));

  return (
    <>
      <section className="ts-block" aria-labelledby="al-targets-title">
        <h3 id="al-targets-title">{t('targetsTitle')}</h3>
        <p className="muted small">{t('targetsIntro')}</p>
        <p className="muted small" data-testid="alert-secrets-note">
          {t('secretsNote')}
        </p>
        {channels.isError ? <p className="form-error small">{t('channelsFailed', { reason: problemWords.request(channels.error) })}</p> : null}
        <div className="al-channels">
          {ALERT_CHANNELS.map((kind) => {
            const { key, field, type } = FIELDS[kind];
            const state = status.get(kind);
            const problem = problemOf(field);
            const id = `al-target-${kind}`;
            return (
              <article key={kind} className="al-channel" aria-labelledby={`${id}-title`} data-testid={`alert-channel-${kind}`}>
                <div className="al-channel-head">
                  <h4 id={`${id}-title`}>{tChannels(kind)}</h4>
                  <span className={state?.configured ? 'al-channel-state al-configured' : 'al-channel-state'} data-testid="alert-channel-state" data-configured={state ? String(state.configured) : undefined}>
                    {!state
                      ? '…'
                      : state.configured
                        ? state.source === 'env'
                          ? t('configuredEnv')
                          : t('configuredSettings')
                        : t('notConfigured')}
                  </span>
                </div>
                {state?.configured && state.target ? (
                  <p className="muted small al-channel-target">
                    {t('target', { target: state.target })}
                  </p>
                ) : null}
                <label htmlFor={id}>
                  <span>{t(`field.${kind}`)}</span>
                  <input
                    id={id}
                    className="input"
                    type={type}
                    inputMode={kind === 'telegram' ? 'text' : undefined}
                    autoComplete="off"
                    spellCheck={false}
                    value={draft[key]}
                    onChange={(event) => onChange({ [key]: event.target.value })}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
                    data-field={field}
                    data-testid={`alert-target-${kind}`}
                  />
                </label>
                <span id={`${id}-hint`} className="muted small">
                  {t(`hint.${kind}`)}
                </span>
                {problem ? (
                  <span id={`${id}-problem`} className="form-error small ts-problem" data-testid="alert-field-problem">
                    {problem}
                  </span>
                ) : null}
                <TestSend channel={kind} dirty={dirty} />
              </article>
            );
          })}
        </div>
      </section>

      <section className="ts-block" aria-labelledby="al-language-title">
        <h3 id="al-language-title">{t('languageTitle')}</h3>
        <label className="al-inline-field">
          <span>{t('language')}</span>
          <select value={draft.lang ?? ''} onChange={(event) => onChange({ lang: event.target.value === 'ru' || event.target.value === 'en' ? event.target.value : null })} data-field="alerts.lang" data-testid="alert-language">
            <option value="">{t('languageServer')}</option>
            <option value="ru" lang="ru">
              Русский
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </label>
      </section>

      <section className="ts-block" aria-labelledby="al-report-title">
        <h3 id="al-report-title">{t('reportTitle')}</h3>
        <label className="check">
          <input type="checkbox" checked={draft.reportEnabled} onChange={(event) => onChange({ reportEnabled: event.target.checked })} data-field="alerts.report.enabled" data-testid="alert-report-enabled" />
          <span>{t('reportEnabled')}</span>
        </label>
        <label className="al-inline-field" htmlFor="al-report-at">
          <span>{t('reportAt')}</span>
          <input
            id="al-report-at"
            className="input"
            value={draft.reportAt}
            placeholder={t('reportAtPlaceholder')}
            onChange={(event) => onChange({ reportAt: event.target.value })}
            aria-invalid={problemOf('alerts.report.at') ? true : undefined}
            aria-describedby={problemOf('alerts.report.at') ? 'al-report-at-problem' : undefined}
            data-field="alerts.report.at"
            data-testid="alert-report-at"
          />
        </label>
        {problemOf('alerts.report.at') ? (
          <span id="al-report-at-problem" className="form-error small ts-problem">
            {problemOf('alerts.report.at')}
          </span>
        ) : null}
      </section>
    </>
  );
}

/** Sends a test message through one channel and says, in a sentence, what happened. */
function TestSend({ channel, dirty }: { channel: AlertChannelKind; dirty: boolean }) {
  const t = useTranslations('alerts.settings');
  const problemWords = useProblemWords();
  const send = useAlertTestSend();
  const [result, setResult] = useState<AlertTestResult | { status: 'error'; message: string } | null>(null);
  const onTest = () => {
    setResult(null);
    send.mutate(channel, {
      onSuccess: (answer) => setResult(answer),
      onError: (error) => setResult({ status: 'error', message: problemWords.request(error) }),
    });
  };
  return (
    <div className="al-test">
      <button type="button" className="button button-small" disabled={send.isPending} onClick={onTest} data-testid={`alert-test-${channel}`}>
        {send.isPending ? t('testSending') : t('testSend')}
      </button>
      {dirty ? <span className="muted small">{t('testUsesSaved')}</span> : null}
      <p className={result && result.status !== 'sent' ? 'al-test-result form-error small' : 'al-test-result small'} role="status" data-testid={`alert-test-result-${channel}`} data-status={result?.status}>
        {result === null ? '' : result.status === 'sent' ? t('testSent', { message: result.message }) : t('testFailed', { message: result.message })}
      </p>
    </div>
  );
}
