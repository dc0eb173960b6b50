'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NO_FILTERS } from '@/components/load/filters';
import { useLabels } from '@/components/load/labels';
import { useProblemWords } from '@/components/load/problem-words';
import { ApiRequestError } from '@/components/queries/fetch-json';
import { useLoadQuery } from '@/components/queries/use-load-query';
import type { Settings } from '@/lib/settings/schema';
import { BalancingSection } from './balancing-section';
import { CapacitySection } from './capacity-section';
import {
  MAX_TEAMS,
  addTeam,
  canonicalJson,
  documentOf,
  draftOf,
  draftProblems,
  hasChanges,
  removeTeam,
  renameTeam,
  setAwayAfter,
  setCapacityChoice,
  setDefaultCapacity,
  setBalancing,
  setBalancingRules,
  setExcluded,
  type BalancingChange,
  setTeamChannels,
  setTeamId,
  setTeamOperators,
  setThresholds,
  type CapacityChoice,
  type Draft,
  type DraftProblem,
  type ProblemCode,
} from './draft';
import { ImportPreview } from './import-preview';
import { MembersField } from './operator-picker';
import { channelOptions, operatorOptions } from './people';
import { SETTINGS_QUERY_KEY, fetchSettings, putSettings, type StoredSettings } from './settings-api';
import { describeImport, exportFileName, exportText, fieldAncestry, fieldOfMessage, type ImportSummary } from './settings-file';
import { TeamCard } from './team-card';
import { ThresholdsSection } from './thresholds-section';

// Teams, capacity, thresholds, availability and who balancing leaves out: one document, edited here
// as a draft and saved whole. Saving names the revision it started from, so two managers cannot
// silently overwrite each other; a refused document changes nothing and the edits stay on screen.

/** The operator list only feeds the pickers here: once a minute is plenty. */
const OPERATORS_POLL_MS = 60_000;

type Notice = { kind: 'saved' } | { kind: 'imported'; fileName: string } | { kind: 'discarded' } | { kind: 'reloaded' } | { kind: 'teamDeleted'; team: string };

type Trouble =
  | { kind: 'refused'; reason: string; field: string | null; fileName: string | null }
  | { kind: 'conflict'; detail: string }
  | { kind: 'failed'; error: unknown; fileName: string | null }
  | { kind: 'local' }
  | { kind: 'unreadable'; fileName: string; reason: 'json' | 'object' };

interface Incoming {
  fileName: string;
  document: Record<string, unknown>;
  summary: ImportSummary;
}

type FocusTarget = 'status' | 'trouble' | 'heading' | 'import' | 'importButton' | { id: string } | { field: string };

interface SaveRequest {
  document: unknown;
  etag: string;
  /** Set when the document is an imported file. */
  fileName: string | null;
}

const FOCUSABLE = 'input, select, textarea, button';

/** Whether two stored documents differ in their alerts section alone (which Settings saves on its own). */
function onlyAlertsChanged(before: StoredSettings['settings'], after: StoredSettings['settings']): boolean {
  return canonicalJson({ ...before, alerts: null }) === canonicalJson({ ...after, alerts: null });
}

function troubleOf(error: unknown, fileName: string | null): Trouble {
  if (error instanceof ApiRequestError && error.status === 409) return { kind: 'conflict', detail: error.message };
  if (error instanceof ApiRequestError && error.code === 'bad_request') return { kind: 'refused', reason: error.message, field: fieldOfMessage(error.message), fileName };
  return { kind: 'failed', error, fileName };
}

export function TeamSettings() {
  const t = useTranslations('teamSettings');
  const labels = useLabels();
  const problemWords = useProblemWords();
  const client = useQueryClient();
  const root = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const troubleBanner = useRef<HTMLDivElement>(null);
  const importHeading = useRef<HTMLHeadingElement>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const query = useQuery({ queryKey: SETTINGS_QUERY_KEY, queryFn: ({ signal }) => fetchSettings(signal) });
  const load = useLoadQuery(NO_FILTERS, OPERATORS_POLL_MS);

  // `base` is the stored document the draft started from; its ETag goes with the save.
  const [base, setBase] = useState<StoredSettings | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [seen, setSeen] = useState<StoredSettings | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [incoming, setIncoming] = useState<Incoming | null>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const dirty = base !== null && draft !== null && hasChanges(draft, base.settings);

  // A newer stored document (another tab, another manager, a refetch) replaces an untouched draft; a
  // draft with edits is kept, and the banner below says the save will be refused.
  if (query.data && query.data !== seen) {
    const data = query.data;
    setSeen(data);
    if (!dirty) {
      setBase(data);
      setDraft((current) => draftOf(data.settings, current));
    } else if (base && onlyAlertsChanged(base.settings, data.settings)) {
      // The alerts section below saved: the edits here still start from what is stored.
      setBase(data);
      setDraft((current) => (current ? { ...current, alerts: data.settings.alerts } : current));
    }
  }
  const newerElsewhere = dirty && query.data !== undefined && base !== null && query.data.etag !== base.etag;

  const adopt = useCallback((stored: StoredSettings) => {
    setBase(stored);
    setSeen(stored);
    setDraft((current) => draftOf(stored.settings, current));
  }, []);

  useEffect(() => {
    if (focusTarget === null) return;
    setFocusTarget(null);
    if (focusTarget === 'status') status.current?.focus();
    else if (focusTarget === 'trouble') troubleBanner.current?.focus();
    else if (focusTarget === 'heading') heading.current?.focus();
    else if (focusTarget === 'import') importHeading.current?.focus();
    else if (focusTarget === 'importButton') importButton.current?.focus();
    else if ('id' in focusTarget) document.getElementById(focusTarget.id)?.focus();
    else {
      // The field itself, or the nearest part of the page that holds it.
      for (const field of fieldAncestry(focusTarget.field)) {
        const element = root.current?.querySelector<HTMLElement>(`[data-field="${field}"]`);
        const target = element?.matches(FOCUSABLE) ? element : element?.querySelector<HTMLElement>(FOCUSABLE);
        if (target) {
          target.focus();
          target.scrollIntoView({ block: 'center' });
          break;
        }
      }
    }
  }, [focusTarget]);

  // Leaving the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (request: SaveRequest) => putSettings(request.document, request.etag),
    onSuccess: (stored, request) => {
      adopt(stored);
      client.setQueryData(SETTINGS_QUERY_KEY, stored);
      // Capacity and teams show in the load; the change is in the audit log.
      void client.invalidateQueries({ queryKey: ['load'] });
      void client.invalidateQueries({ queryKey: ['audit'] });
      setIncoming(null);
      setTrouble(null);
      setNotice(request.fileName ? { kind: 'imported', fileName: request.fileName } : { kind: 'saved' });
      setFocusTarget('status');
    },
    onError: (error, request) => {
      if (request.fileName) setIncoming(null);
      setTrouble(troubleOf(error, request.fileName));
      setFocusTarget('trouble');
    },
  });

  const edit = useCallback((change: (current: Draft) => Draft) => {
    setDraft((current) => (current ? change(current) : current));
    setNotice(null);
  }, []);
  const onRename = useCallback((key: string, name: string) => edit((current) => renameTeam(current, key, name)), [edit]);
  const onId = useCallback((key: string, id: string) => edit((current) => setTeamId(current, key, id)), [edit]);
  const onOperators = useCallback((key: string, ids: string[]) => edit((current) => setTeamOperators(current, key, ids)), [edit]);
  const onChannels = useCallback((key: string, ids: string[]) => edit((current) => setTeamChannels(current, key, ids)), [edit]);
  const onDefault = useCallback((value: number | null) => edit((current) => setDefaultCapacity(current, value)), [edit]);
  const onChoice = useCallback((ids: readonly string[], choice: CapacityChoice) => edit((current) => setCapacityChoice(current, ids, choice)), [edit]);
  const onWarning = useCallback((minutes: number) => edit((current) => setThresholds(current, { warningMinutes: minutes })), [edit]);
  const onCritical = useCallback((minutes: number) => edit((current) => setThresholds(current, { criticalMinutes: minutes })), [edit]);
  const onAwayAfter = useCallback((minutes: number) => edit((current) => setAwayAfter(current, minutes)), [edit]);
  const onExcluded = useCallback((ids: string[]) => edit((current) => setExcluded(current, ids)), [edit]);
  const onBalancing = useCallback((change: BalancingChange) => edit((current) => setBalancing(current, change)), [edit]);
  const onBalancingRules = useCallback((change: Partial<Settings['balancing']['rules']>) => edit((current) => setBalancingRules(current, change)), [edit]);
  const onDelete = useCallback(
    (key: string) => {
      const team = draft?.teams.find((candidate) => candidate.key === key);
      edit((current) => removeTeam(current, key));
      setNotice({ kind: 'teamDeleted', team: team?.name.trim() || t('unnamedTeam') });
      setFocusTarget({ id: 'ts-add-team' });
    },
    [draft, edit, t],
  );

  const documents = useMemo(() => [...(base ? [base.settings] : []), ...(draft ? [draft] : [])], [base, draft]);
  const operators = useMemo(() => operatorOptions(load.data?.byUser, documents, labels), [load.data?.byUser, documents, labels]);
  const channels = useMemo(() => channelOptions(load.data?.byChannel, documents, labels), [load.data?.byChannel, documents, labels]);
  const problems = useMemo(() => (draft ? draftProblems(draft) : []), [draft]);
  const problemByField = useMemo(() => {
    const map = new Map<string, ProblemCode>();
    for (const problem of problems) if (!map.has(problem.field)) map.set(problem.field, problem.code);
    return map;
  }, [problems]);
  const teamNames = useMemo(() => {
    const names = new Map<string, string[]>();
    for (const team of draft?.teams ?? []) {
      for (const id of team.operatorIds) names.set(id, [...(names.get(id) ?? []), team.name.trim() || t('unnamedTeam')]);
    }
    return names;
  }, [draft?.teams, t]);
  const teamNamesOf = useMemo(() => new Map([...teamNames].map(([id, names]) => [id, names.join(', ')])), [teamNames]);
  const otherTeamsOf = useCallback(
    (operatorId: string, exceptKey: string) => {
      const others = (draft?.teams ?? []).filter((team) => team.key !== exceptKey && team.operatorIds.includes(operatorId));
      return others.length > 0 ? t('alsoIn', { teams: others.map((team) => team.name.trim() || t('unnamedTeam')).join(', ') }) : null;
    },
    [draft?.teams, t],
  );

  const onSave = () => {
    if (!draft || !base) return;
    if (draftProblems(draft).length > 0) {
      setTrouble({ kind: 'local' });
      setFocusTarget('trouble');
      return;
    }
    setTrouble(null);
    save.mutate({ document: documentOf(draft), etag: base.etag, fileName: null });
  };
  const onDiscard = () => {
    if (!base) return;
    setDraft((current) => draftOf(base.settings, current));
    setTrouble(null);
    setNotice({ kind: 'discarded' });
    setFocusTarget('heading');
  };
  const onReload = async () => {
    const result = await query.refetch();
    if (result.status === 'success') {
      adopt(result.data);
      setTrouble(null);
      setIncoming(null);
      setNotice({ kind: 'reloaded' });
      setFocusTarget('status');
    } else {
      setTrouble({ kind: 'failed', error: result.error, fileName: null });
      setFocusTarget('trouble');
    }
  };
  const onAddTeam = () => {
    if (!draft) return;
    const added = addTeam(draft);
    setDraft(added.draft);
    setNotice(null);
    setFocusTarget({ id: `ts-team-${added.key}-name` });
  };
  const onExport = () => {
    const saved = query.data ?? base;
    if (!saved) return;
    const url = URL.createObjectURL(new Blob([exportText(saved.settings)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(new Date());
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The click has handed the file to the browser; the address is not needed after this turn.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  const onFile = async (file: File) => {
    if (!base) return;
    setNotice(null);
    setTrouble(null);
    setIncoming(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setTrouble({ kind: 'unreadable', fileName: file.name, reason: 'json' });
      setFocusTarget('trouble');
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setTrouble({ kind: 'unreadable', fileName: file.name, reason: 'object' });
      setFocusTarget('trouble');
      return;
    }
    const document = parsed as Record<string, unknown>;
    setIncoming({ fileName: file.name, document, summary: describeImport(base.settings, document) });
    setFocusTarget('import');
  };

  /** Where a problem is, in the words of the page: "Team “Продажи”: id". */
  const whereIs = (field: string): string => {
    const team = /^teams\[(\d+)\]\.(name|id)/.exec(field);
    if (team && draft) {
      const name = draft.teams[Number(team[1])]?.name.trim() || t('unnamedTeam');
      return team[2] === 'name' ? t('fieldTeamName', { team: name }) : t('fieldTeamId', { team: name });
    }
    const override = /^capacity\.operators\.(\d+)$/.exec(field);
    if (override) return t('capacityOf', { name: operators.find((option) => option.id === override[1])?.label ?? override[1]! });
    if (field === 'capacity.default') return t('defaultCapacity');
    if (field === 'thresholds.warningMinutes') return t('warningMinutes');
    if (field === 'thresholds.criticalMinutes') return t('criticalMinutes');
    return t('awayAfterMinutes');
  };

  const noticeText = (() => {
    switch (notice?.kind) {
      case 'saved':
        return t('saved');
      case 'imported':
        return t('imported', { file: notice.fileName });
      case 'discarded':
        return t('discarded');
      case 'reloaded':
        return t('reloaded');
      case 'teamDeleted':
        return t('teamDeleted', { team: notice.team });
      default:
        return '';
    }
  })();

  const localProblems: DraftProblem[] = trouble?.kind === 'local' ? problems : [];
  const saved = query.data ?? base;

  return (
    <section className="panel ts" aria-labelledby="team-settings-title" data-testid="team-settings" ref={root}>
      <div className="panel-header">
        <h2 id="team-settings-title" ref={heading} tabIndex={-1}>
          {t('title')}
        </h2>
        <div className="toolbar-actions">
          <button type="button" className="button button-small" disabled={!saved} onClick={onExport} data-testid="settings-export">
            {t('export')}
          </button>
          <button ref={importButton} type="button" className="button button-small" disabled={!base || save.isPending} onClick={() => fileInput.current?.click()} data-testid="settings-import">
            {t('import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              // Cleared, so choosing the same file again (after fixing it) is seen as a new choice.
              event.target.value = '';
              if (file) void onFile(file);
            }}
            data-testid="settings-import-file"
          />
        </div>
      </div>
      <p className="muted">{t('intro')}</p>
      <p className="ts-status" role="status" tabIndex={-1} ref={status} data-testid="settings-status">
        {noticeText}
      </p>

      {trouble && (trouble.kind !== 'local' || localProblems.length > 0) ? (
        <div
          ref={troubleBanner}
          tabIndex={-1}
          role="alert"
          className={trouble.kind === 'conflict' ? 'banner banner-stale' : 'banner banner-error'}
          data-testid="settings-trouble"
          data-kind={trouble.kind}
        >
          <div>
            {trouble.kind === 'refused' ? (
              <>
                <strong>{trouble.fileName ? t('importRefused', { file: trouble.fileName }) : t('refused')}</strong>
                <p className="ts-reason" data-testid="settings-refusal">
                  {trouble.reason}
                </p>
                <p className="small">{trouble.fileName ? t('nothingChanged') : t('editsKept')}</p>
                {trouble.field && !trouble.fileName ? (
                  <button type="button" className="button button-small" onClick={() => setFocusTarget({ field: trouble.field! })}>
                    {t('showField')}
                  </button>
                ) : null}
              </>
            ) : null}
            {trouble.kind === 'conflict' ? (
              <>
                <strong>{t('conflict')}</strong>
                <p className="small">{t('conflictDetail', { detail: trouble.detail })}</p>
                <button type="button" className="button button-small" onClick={() => void onReload()} data-testid="settings-reload">
                  {t('reload')}
                </button>
              </>
            ) : null}
            {trouble.kind === 'failed' ? (
              <>
                <strong>{trouble.fileName ? t('importFailed', { file: trouble.fileName }) : t('notSaved')}</strong>
                <p className="small">{problemWords.request(trouble.error)}</p>
              </>
            ) : null}
            {trouble.kind === 'unreadable' ? <strong>{trouble.reason === 'json' ? t('importNotJson', { file: trouble.fileName }) : t('importNotObject', { file: trouble.fileName })}</strong> : null}
            {trouble.kind === 'local' ? (
              <>
                <strong>{t('localProblems', { count: localProblems.length })}</strong>
                <ul className="ts-problem-list">
                  {localProblems.map((problem) => (
                    <li key={`${problem.field}-${problem.code}`}>
                      <button type="button" className="link-button" onClick={() => setFocusTarget({ field: problem.field })}>
                        {whereIs(problem.field)}
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

      {newerElsewhere && trouble?.kind !== 'conflict' ? (
        <div className="banner banner-stale" data-testid="settings-newer">
          <div>
            <strong>{t('newerElsewhere')}</strong>{' '}
            <button type="button" className="button button-small" onClick={() => void onReload()}>
              {t('reload')}
            </button>
          </div>
        </div>
      ) : null}

      {incoming ? (
        <ImportPreview
          fileName={incoming.fileName}
          summary={incoming.summary}
          dropsEdits={dirty}
          saving={save.isPending}
          headingRef={importHeading}
          onSave={() => base && save.mutate({ document: incoming.document, etag: base.etag, fileName: incoming.fileName })}
          onCancel={() => {
            setIncoming(null);
            setFocusTarget('importButton');
          }}
        />
      ) : null}

      {query.isPending ? <p className="muted">{t('loading')}</p> : null}
      {query.isError && !base ? (
        <div className="banner banner-error" role="alert">
          <div>
            <strong>{t('loadFailed')}</strong>
            <p className="small">{problemWords.request(query.error)}</p>
            <button type="button" className="button button-small" onClick={() => void query.refetch()}>
              {t('retry')}
            </button>
          </div>
        </div>
      ) : null}

      {draft ? (
        <>
          {load.isError && !load.data ? <p className="muted small">{t('operatorsUnavailable', { reason: problemWords.request(load.error) })}</p> : null}

          <section className="ts-block" aria-labelledby="ts-teams-title">
            <div className="panel-header">
              <h3 id="ts-teams-title">{t('teamsTitle')}</h3>
              <span className="muted small">{t('teamsCount', { count: draft.teams.length })}</span>
            </div>
            <p className="muted small">{t('teamsIntro')}</p>
            {draft.teams.length === 0 ? <p className="muted">{t('noTeams')}</p> : null}
            <div className="ts-teams" data-field="teams">
              {draft.teams.map((team, index) => (
                <TeamCard
                  key={team.key}
                  team={team}
                  index={index}
                  operators={operators}
                  channels={channels}
                  nameProblem={problemByField.get(`teams[${index}].name`)}
                  idProblem={problemByField.get(`teams[${index}].id`)}
                  otherTeamsOf={otherTeamsOf}
                  onRename={onRename}
                  onId={onId}
                  onOperators={onOperators}
                  onChannels={onChannels}
                  onDelete={onDelete}
                />
              ))}
            </div>
            <button id="ts-add-team" type="button" className="button" disabled={draft.teams.length >= MAX_TEAMS} onClick={onAddTeam} data-testid="team-add">
              {t('addTeam')}
            </button>
          </section>

          <CapacitySection draft={draft} operators={operators} problems={problemByField} teamNamesOf={teamNamesOf} onDefault={onDefault} onChoice={onChoice} />

          <ThresholdsSection draft={draft} problems={problemByField} onWarning={onWarning} onCritical={onCritical} onAwayAfter={onAwayAfter} />

          <BalancingSection draft={draft} problems={problemByField} onChange={onBalancing} onRules={onBalancingRules}>
            <MembersField
              title={t('excludedTitle')}
              legend={t('excludedTitle')}
              empty={t('excludedNone')}
              options={operators}
              selected={draft.balancing.excludedOperatorIds}
              onChange={onExcluded}
              field="balancing.excludedOperatorIds"
              testId="excluded-operators"
            />
          </BalancingSection>
        </>
      ) : null}

      {dirty ? (
        <div className="ts-unsaved" role="region" aria-label={t('unsaved')} data-testid="unsaved-bar">
          <span className="ts-unsaved-text">{t('unsaved')}</span>
          <button type="button" className="button button-primary" disabled={save.isPending} onClick={onSave} data-testid="settings-save">
            {save.isPending ? t('saving') : t('save')}
          </button>
          <button type="button" className="button" disabled={save.isPending} onClick={onDiscard} data-testid="settings-discard">
            {t('discard')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
