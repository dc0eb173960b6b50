'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRuleName } from '@/components/alerts/alert-strip';
import type { AlertChannelKind, AlertRuleKind } from '@/components/alerts/types';
import { useProblemWords } from '@/components/load/problem-words';
import { ApiRequestError } from '@/components/queries/fetch-json';
import { queryKeys } from '@/components/queries/keys';
import { useAlertChannelsQuery } from '@/components/queries/use-alerts-query';
import { canonicalJson } from '@/components/settings/teams/draft';
import { SETTINGS_QUERY_KEY, fetchSettings, putSettings, type StoredSettings } from '@/components/settings/teams/settings-api';
import { fieldAncestry } from '@/components/settings/teams/settings-file';
import {
  MAX_RULES,
  RULE_KINDS,
  addRule,
  alertDraftOf,
  alertFieldOfMessage,
  alertProblems,
  alertSettingsOf,
  alertsOf,
  removeRule,
  restoreDefaultRules,
  rulesShown,
  toggleRuleChannel,
  updateRule,
  type AlertDraft,
  type AlertRule,
  type AlertSettings,
} from './alert-draft';
import { AlertRuleCard } from './alert-rule-card';
import { AlertTargets } from './alert-targets';

// The settings' alerts section: rules, where messages go, their language and the shift reports.
// It is part of the one settings document: a save sends the document as stored now with this
// section replaced, naming the revision it read, so the teams section above and this one never
// undo each other, and another manager's save is not silently overwritten.

type Trouble =
  | { kind: 'refused'; reason: string; field: string | null }
  | { kind: 'conflict' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'local' };

/** Two sections that mean the same thing read the same: `[]` and null recipients, say. */
const same = (a: AlertSettings, b: AlertSettings) => canonicalJson(alertSettingsOf(alertDraftOf(a))) === canonicalJson(alertSettingsOf(alertDraftOf(b)));

export function AlertSettingsSection() {
  const t = useTranslations('alerts.settings');
  const problemWords = useProblemWords();
  const ruleName = useRuleName();
  const client = useQueryClient();
  const root = useRef<HTMLElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const troubleBanner = useRef<HTMLDivElement>(null);

  const query = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: ({ signal }) => fetchSettings(signal) });
  const channels = useAlertChannelsQuery();

  const [base, setBase] = useState<AlertSettings | null>(null);
  const [draft, setDraft] = useState<AlertDraft | null>(null);
  const [seen, setSeen] = useState<StoredSettings | null>(null);
  const [notice, setNotice] = useState<'saved' | 'discarded' | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [newKind, setNewKind] = useState<AlertRuleKind>('critical_chats');
  const [focus, setFocus] = useState<'status' | 'trouble' | { field: string } | null>(null);
  const dirty = base !== null && draft !== null && canonicalJson(alertSettingsOf(draft)) !== canonicalJson(alertSettingsOf(alertDraftOf(base)));

  // A newer stored document replaces an untouched draft; edits are kept, and if the alerts section
  // itself changed elsewhere the banner below says so.
  if (query.data && query.data !== seen) {
    const stored = alertsOf(query.data.settings);
    setSeen(query.data);
    if (!dirty) {
      setBase(stored);
      setDraft(alertDraftOf(stored));
    }
  }
  const changedElsewhere = dirty && query.data !== undefined && base !== null && !same(alertsOf(query.data.settings), base);

  useEffect(() => {
    if (focus === null) return;
    setFocus(null);
    if (focus === 'status') status.current?.focus();
    else if (focus === 'trouble') troubleBanner.current?.focus();
    else {
      for (const field of fieldAncestry(focus.field)) {
        const element = root.current?.querySelector<HTMLElement>(`[data-field="${field}"]`);
        const target = element?.matches('input, select, textarea, button') ? element : element?.querySelector<HTMLElement>('input, select, textarea, button');
        if (target) {
          target.focus();
          target.scrollIntoView({ block: 'center' });
          break;
        }
      }
    }
  }, [focus]);

  const save = useMutation({
    mutationFn: async (alerts: AlertSettings) => {
      const latest = client.getQueryData<StoredSettings>(SETTINGS_QUERY_KEY) ?? query.data;
      if (!latest) throw new Error('settings not loaded');
      return putSettings({ ...latest.settings, alerts }, latest.etag);
    },
    onSuccess: (stored) => {
      client.setQueryData(SETTINGS_QUERY_KEY, stored);
      const saved = alertsOf(stored.settings);
      setSeen(stored);
      setBase(saved);
      setDraft(alertDraftOf(saved));
      setTrouble(null);
      setNotice('saved');
      setFocus('status');
      void client.invalidateQueries({ queryKey: queryKeys.alertChannels() });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.status === 409) setTrouble({ kind: 'conflict' });
      else if (error instanceof ApiRequestError && error.code === 'bad_request') setTrouble({ kind: 'refused', reason: error.message, field: alertFieldOfMessage(error.message) });
      else setTrouble({ kind: 'failed', error });
      setFocus('trouble');
    },
  });

  const edit = useCallback((change: (current: AlertDraft) => AlertDraft) => {
    setDraft((current) => (current ? change(current) : current));
    setNotice(null);
  }, []);
  const onRule = useCallback((index: number, change: Partial<AlertRule>) => edit((current) => updateRule(current, index, change)), [edit]);
  const onRuleChannel = useCallback((index: number, channel: AlertChannelKind, on: boolean) => edit((current) => toggleRuleChannel(current, index, channel, on)), [edit]);
  const onRemove = useCallback((index: number) => edit((current) => removeRule(current, index)), [edit]);

  const problems = useMemo(() => (draft ? alertProblems(draft) : []), [draft]);
  const refusal = trouble?.kind === 'refused' ? trouble : null;
  const problemOf = useCallback(
    (field: string): string | null => {
      const local = problems.find((problem) => problem.field === field);
      if (local) return t(`problems.${local.code}`);
      // The server's refusal, beside the field it names (or the nearest one shown).
      if (refusal?.field && fieldAncestry(refusal.field).includes(field)) return refusal.reason;
      return null;
    },
    [problems, refusal, t],
  );

  const onSave = () => {
    if (!draft) return;
    if (alertProblems(draft).length > 0) {
      setTrouble({ kind: 'local' });
      setFocus('trouble');
      return;
    }
    setTrouble(null);
    save.mutate(alertSettingsOf(draft));
  };
  const onDiscard = () => {
    if (!base) return;
    setDraft(alertDraftOf(base));
    setTrouble(null);
    setNotice('discarded');
    setFocus('status');
  };
  const onReload = async () => {
    const result = await query.refetch();
    if (result.status === 'success') {
      const stored = alertsOf(result.data.settings);
      setSeen(result.data);
      setBase(stored);
      setDraft(alertDraftOf(stored));
      setTrouble(null);
      setNotice(null);
    }
  };

  const teams = (query.data?.settings.teams ?? []).map((team) => ({ id: team.id, name: team.name }));
  const rules = draft ? rulesShown(draft) : [];
  const localProblems = trouble?.kind === 'local' ? problems : [];

  return (
    <section className="panel ts al-settings" aria-labelledby="alert-settings-title" data-testid="alert-settings" ref={root}>
      <div className="panel-header">
        <h2 id="alert-settings-title">{t('title')}</h2>
        <a className="header-link" href="/alerts">
          {t('historyLink')}
        </a>
      </div>
      <p className="muted">{t('intro')}</p>
      <p className="ts-status" role="status" tabIndex={-1} ref={status} data-testid="alert-settings-status">
        {notice === 'saved' ? t('saved') : notice === 'discarded' ? t('discarded') : ''}
      </p>

      {trouble && (trouble.kind !== 'local' || localProblems.length > 0) ? (
        <div ref={troubleBanner} tabIndex={-1} role="alert" className={trouble.kind === 'conflict' ? 'banner banner-stale' : 'banner banner-error'} data-testid="alert-settings-trouble" data-kind={trouble.kind}>
          <div>
            {trouble.kind === 'refused' ? (
              <>
                <strong>{t('refused')}</strong>
                <p className="ts-reason" data-testid="alert-settings-refusal">
                  {trouble.reason}
                </p>
                {trouble.field ? (
                  <button type="button" className="button button-small" onClick={() => setFocus({ field: trouble.field! })}>
                    {t('showField')}
                  </button>
                ) : null}
              </>
            ) : null}
            {trouble.kind === 'conflict' ? (
              <>
                <strong>{t('conflict')}</strong>{' '}
                <button type="button" className="button button-small" onClick={() => void onReload()} data-testid="alert-settings-reload">
                  {t('reload')}
                </button>
              </>
            ) : null}
            {trouble.kind === 'failed' ? (
              <>
                <strong>{t('notSaved')}</strong>
                <p className="small">{problemWords.request(trouble.error)}</p>
              </>
            ) : null}
            {trouble.kind === 'local' ? (
              <>
                <strong>{t('localProblems', { count: localProblems.length })}</strong>
                <ul className="ts-problem-list">
                  {localProblems.map((problem) => (
                    <li key={`${problem.field}-${problem.code}`}>
                      <button type="button" className="link-button" onClick={() => setFocus({ field: problem.field })}>
                        {problem.field.replace(/^alerts\./, '')}
                      </button>
                      : {t(`problems.${problem.code}`)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </div>
      ) : null}

      {changedElsewhere && trouble?.kind !== 'conflict' ? (
        <div className="banner banner-stale" data-testid="alert-settings-newer">
          <div>
            <strong>{t('changedElsewhere')}</strong>{' '}
            <button type="button" className="button button-small" onClick={() => void onReload()}>
              {t('reload')}
            </button>
          </div>
        </div>
      ) : null}

      {query.isPending ? <p className="muted">{t('loading')}</p> : null}
      {query.isError && !draft ? (
        <div className="banner banner-error" role="alert">
          <div>
            <strong>{t('loadFailed')}</strong>
            <p className="small">{problemWords.request(query.error)}</p>
          </div>
        </div>
      ) : null}

      {draft ? (
        <>
          <AlertTargets draft={draft} dirty={dirty} channels={channels} problemOf={problemOf} onChange={(change) => edit((current) => ({ ...current, ...change }))} />

          <section className="ts-block" aria-labelledby="al-rules-title">
            <div className="panel-header">
              <h3 id="al-rules-title">{t('rulesTitle')}</h3>
              {draft.rules !== null ? (
                <button type="button" className="button button-small" onClick={() => edit(restoreDefaultRules)} data-testid="alert-rules-defaults">
                  {t('restoreDefaults')}
                </button>
              ) : null}
            </div>
            <p className="muted small" data-testid="alert-rules-note">
              {draft.rules === null ? t('defaultsNote') : t('rulesNote')}
            </p>
            <div className="al-rules" data-field="alerts.rules">
              {rules.map((rule, index) => (
                <AlertRuleCard key={`${rule.id}-${index}`} rule={rule} index={index} teams={teams} problemOf={problemOf} onChange={onRule} onChannel={onRuleChannel} onRemove={onRemove} />
              ))}
            </div>
            {rules.length === 0 ? <p className="muted">{t('noRules')}</p> : null}
            <div className="al-add-rule">
              <label>
                <span>{t('newRule')}</span>
                <select value={newKind} onChange={(event) => setNewKind(event.target.value as AlertRuleKind)} data-testid="alert-rule-kind">
                  {RULE_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {ruleName(kind)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="button" disabled={rules.length >= MAX_RULES} onClick={() => edit((current) => addRule(current, newKind))} data-testid="alert-rule-add">
                {t('addRule')}
              </button>
            </div>
          </section>
        </>
      ) : null}

      {dirty ? (
        <div className="ts-unsaved" role="region" aria-label={t('unsaved')} data-testid="alert-settings-unsaved">
          <span className="ts-unsaved-text">{t('unsaved')}</span>
          <button type="button" className="button button-primary" disabled={save.isPending} onClick={onSave} data-testid="alert-settings-save">
            {save.isPending ? t('saving') : t('save')}
          </button>
          <button type="button" className="button" disabled={save.isPending} onClick={onDiscard} data-testid="alert-settings-discard">
            {t('discard')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
