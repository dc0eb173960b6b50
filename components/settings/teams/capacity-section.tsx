'use client';

import { useTranslations } from 'next-intl';
import { memo, useCallback, useId, useMemo, useRef, useState } from 'react';
import { MAX_CAPACITY, capacityChoice, type CapacityChoice, type Draft, type ProblemCode } from './draft';
import { NumberField } from './number-field';
import { OperatorTags, withShift } from './operator-picker';
import type { OperatorOption } from './people';
import { ProblemText } from './problem-text';
import { matchesQuery, pickInList } from './selection';

// Capacity: how many open chats an operator may hold before counting as over capacity. One default
// for everybody, and per person a number, no limit, or the default. With 200 operators the table is
// searched and filtered by team, and many rows are set at once.

type ChoiceKind = 'default' | 'none' | 'limit';

const kindOf = (choice: CapacityChoice): ChoiceKind => (choice === 'default' ? 'default' : choice === null ? 'none' : 'limit');

/** A kind chosen in a select, as a choice; a new limit starts empty, to be typed. */
function choiceOf(kind: ChoiceKind, previous: CapacityChoice): CapacityChoice {
  if (kind === 'default') return 'default';
  if (kind === 'none') return null;
  return typeof previous === 'number' ? previous : Number.NaN;
}

const NO_TEAM = '\u0000none';

interface Props {
  draft: Draft;
  operators: readonly OperatorOption[];
  problems: ReadonlyMap<string, ProblemCode>;
  /** The names of each operator's teams, in the settings' order. */
  teamNamesOf: ReadonlyMap<string, string>;
  onDefault: (value: number | null) => void;
  onChoice: (operatorIds: readonly string[], choice: CapacityChoice) => void;
}

export function CapacitySection({ draft, operators, problems, teamNamesOf, onDefault, onChoice }: Props) {
  const t = useTranslations('teamSettings');
  const ids = useId();
  const [query, setQuery] = useState('');
  const [teamFilter, setTeamFilter] = useState('');
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const [bulkKind, setBulkKind] = useState<ChoiceKind>('limit');
  const [bulkValue, setBulkValue] = useState(Number.NaN);
  const [applied, setApplied] = useState<number | null>(null);

  const defaultValue = draft.capacity.default;
  const defaultWords = defaultValue === null ? t('noLimit') : t('chats', { count: defaultValue });
  const team = draft.teams.find((candidate) => candidate.key === teamFilter) ?? null;
  const members = useMemo(() => (team ? new Set(team.operatorIds) : null), [team]);
  const inSomeTeam = useMemo(() => new Set(draft.teams.flatMap((candidate) => candidate.operatorIds)), [draft.teams]);

  const visible = useMemo(
    () =>
      operators.filter((option) => {
        if (!matchesQuery(option, query)) return false;
        if (onlyOverrides && !Object.hasOwn(draft.capacity.operators, option.id)) return false;
        if (teamFilter === NO_TEAM) return !inSomeTeam.has(option.id);
        if (members) return members.has(option.id);
        return true;
      }),
    [operators, query, onlyOverrides, draft.capacity.operators, teamFilter, inSomeTeam, members],
  );
  const visibleIds = useMemo(() => visible.map((option) => option.id), [visible]);
  const visibleSelected = visibleIds.filter((id) => selected.has(id)).length;
  const overrides = Object.keys(draft.capacity.operators).length;

  const toggle = useCallback(
    (id: string, on: boolean, range: boolean) => {
      // Read the anchor now: the updater runs later, after the anchor has moved to this row.
      const from = anchor.current;
      setSelected((current) => pickInList(current, visibleIds, id, on, from, range));
      anchor.current = id;
      setApplied(null);
    },
    [visibleIds],
  );
  const setOne = useCallback((id: string, choice: CapacityChoice) => onChoice([id], choice), [onChoice]);
  const bulkChoice: CapacityChoice = bulkKind === 'default' ? 'default' : bulkKind === 'none' ? null : bulkValue;
  const bulkInvalid = bulkKind === 'limit' && !(Number.isInteger(bulkValue) && bulkValue >= 0 && bulkValue <= MAX_CAPACITY);
  const defaultProblem = problems.get('capacity.default');

  return (
    <section className="ts-block" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('capacityTitle')}</h3>
      <p className="muted small">{t('capacityIntro')}</p>
      <div className="ts-row">
        <label htmlFor={`${ids}-default-kind`}>
          <span>{t('defaultCapacity')}</span>
          <select
            id={`${ids}-default-kind`}
            value={defaultValue === null ? 'none' : 'limit'}
            onChange={(event) => onDefault(event.target.value === 'none' ? null : Number.NaN)}
            data-field={defaultValue === null ? 'capacity.default' : undefined}
            data-testid="default-capacity-kind"
          >
            <option value="none">{t('noLimit')}</option>
            <option value="limit">{t('limitOption')}</option>
          </select>
        </label>
        {defaultValue !== null ? (
          <label htmlFor={`${ids}-default`}>
            <span>{t('defaultCapacityChats')}</span>
            <NumberField
              id={`${ids}-default`}
              min={0}
              max={MAX_CAPACITY}
              value={defaultValue}
              onValue={onDefault}
              aria-invalid={defaultProblem ? true : undefined}
              aria-describedby={defaultProblem ? `${ids}-default-problem` : undefined}
              data-field="capacity.default"
              data-testid="default-capacity"
            />
          </label>
        ) : null}
      </div>
      {defaultProblem ? <ProblemText id={`${ids}-default-problem`} code={defaultProblem} /> : null}

      <h4 className="ts-subtitle">{t('overridesTitle')}</h4>
      <p className="muted small">{t('overridesIntro', { count: overrides })}</p>
      <div className="filters ts-filters">
        <label htmlFor={`${ids}-search`}>
          <span>{t('search')}</span>
          <input
            id={`${ids}-search`}
            type="search"
            className="input"
            value={query}
            placeholder={t('searchPlaceholder')}
            autoComplete="off"
            onChange={(event) => setQuery(event.target.value)}
            data-testid="capacity-search"
          />
        </label>
        <label htmlFor={`${ids}-team`}>
          <span>{t('teamFilter')}</span>
          <select id={`${ids}-team`} value={teamFilter} onChange={(event) => setTeamFilter(event.target.value)}>
            <option value="">{t('allOperators')}</option>
            <option value={NO_TEAM}>{t('inNoTeam')}</option>
            {draft.teams.map((candidate) => (
              <option key={candidate.key} value={candidate.key}>
                {candidate.name.trim() || t('unnamedTeam')}
              </option>
            ))}
          </select>
        </label>
        <label className="check small ts-inline-check">
          <input type="checkbox" checked={onlyOverrides} onChange={(event) => setOnlyOverrides(event.target.checked)} />
          <span>{t('onlyOverrides')}</span>
        </label>
      </div>

      <div className="ts-bulk" role="group" aria-label={t('bulkLabel')}>
        <button
          type="button"
          className="button button-small"
          disabled={visible.length === 0 || visibleSelected === visible.length}
          onClick={() => {
            setSelected(new Set([...selected, ...visibleIds]));
            setApplied(null);
          }}
          data-testid="capacity-select-matching"
        >
          {t('selectMatching', { count: visible.length })}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={selected.size === 0}
          onClick={() => {
            setSelected(new Set());
            setApplied(null);
          }}
        >
          {t('clearSelection')}
        </button>
        <span className="ts-bulk-count" data-testid="capacity-selected-count">
          {t('selectedCount', { count: selected.size })}
        </span>
        <label htmlFor={`${ids}-bulk-kind`} className="ts-bulk-field">
          <span>{t('setCapacityTo')}</span>
          <select id={`${ids}-bulk-kind`} value={bulkKind} onChange={(event) => setBulkKind(event.target.value as ChoiceKind)} data-testid="capacity-bulk-kind">
            <option value="limit">{t('limitOption')}</option>
            <option value="none">{t('noLimit')}</option>
            <option value="default">{t('useDefault', { value: defaultWords })}</option>
          </select>
        </label>
        {bulkKind === 'limit' ? (
          <label htmlFor={`${ids}-bulk-value`} className="ts-bulk-field">
            <span>{t('chatsLabel')}</span>
            <NumberField id={`${ids}-bulk-value`} min={0} max={MAX_CAPACITY} value={bulkValue} onValue={setBulkValue} data-testid="capacity-bulk-value" />
          </label>
        ) : null}
        <button
          type="button"
          className="button button-small button-primary"
          disabled={selected.size === 0 || bulkInvalid}
          onClick={() => {
            onChoice([...selected], bulkChoice);
            setApplied(selected.size);
          }}
          data-testid="capacity-bulk-apply"
        >
          {t('applyToSelected', { count: selected.size })}
        </button>
        <span className="muted small" role="status">
          {applied !== null ? t('applied', { count: applied }) : ''}
        </span>
      </div>

      <div className="table-scroll ts-capacity-scroll" data-field="capacity.operators">
        <table className="data-table compact ts-capacity-table" data-testid="capacity-table">
          <caption className="visually-hidden">{t('overridesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('operatorColumn')}</th>
              <th scope="col">{t('teamsColumn')}</th>
              <th scope="col">{t('capacityColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((option) => (
              <CapacityRow
                key={option.id}
                option={option}
                choice={capacityChoice(draft, option.id)}
                defaultWords={defaultWords}
                teams={teamNamesOf.get(option.id) ?? ''}
                selected={selected.has(option.id)}
                problem={problems.get(`capacity.operators.${option.id}`)}
                onToggle={toggle}
                onChoice={setOne}
              />
            ))}
          </tbody>
        </table>
      </div>
      {visible.length === 0 ? <p className="muted small">{t('noMatch')}</p> : null}
      <p className="muted small">{t('rangeHint')}</p>
    </section>
  );
}

interface RowProps {
  option: OperatorOption;
  choice: CapacityChoice;
  defaultWords: string;
  teams: string;
  selected: boolean;
  problem: ProblemCode | undefined;
  onToggle: (id: string, on: boolean, range: boolean) => void;
  onChoice: (id: string, choice: CapacityChoice) => void;
}

const CapacityRow = memo(function CapacityRow({ option, choice, defaultWords, teams, selected, problem, onToggle, onChoice }: RowProps) {
  const t = useTranslations('teamSettings');
  const kind = kindOf(choice);
  const problemId = `ts-capacity-problem-${option.id}`;
  return (
    <tr className={selected ? 'selected' : undefined} data-testid={`capacity-row-${option.id}`}>
      {/* The checkbox sits in the row's header, which stays in view when the table scrolls sideways. */}
      <th scope="row" className="ts-operator-cell">
        <label className="check">
          <input
            type="checkbox"
            checked={selected}
            aria-label={t('selectOperator', { name: option.label })}
            onChange={(event) => onToggle(option.id, event.target.checked, withShift(event))}
            data-testid={`capacity-select-${option.id}`}
          />
          <span>
            <span>{option.label}</span> <span className="muted small">{option.id}</span>
            <OperatorTags option={option} />
          </span>
        </label>
      </th>
      <td className="ts-teams-cell">{teams || <span className="muted">—</span>}</td>
      <td>
        <div className="ts-capacity-cell">
          <select
            aria-label={t('capacityOf', { name: option.label })}
            value={kind}
            onChange={(event) => onChoice(option.id, choiceOf(event.target.value as ChoiceKind, choice))}
            data-field={kind === 'limit' ? undefined : `capacity.operators.${option.id}`}
            data-testid={`capacity-kind-${option.id}`}
          >
            <option value="default">{t('useDefault', { value: defaultWords })}</option>
            <option value="none">{t('noLimit')}</option>
            <option value="limit">{t('limitOption')}</option>
          </select>
          {typeof choice === 'number' ? (
            <NumberField
              min={0}
              max={MAX_CAPACITY}
              value={choice}
              onValue={(value) => onChoice(option.id, value)}
              aria-label={t('chatsFor', { name: option.label })}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? problemId : undefined}
              data-field={`capacity.operators.${option.id}`}
              data-testid={`capacity-value-${option.id}`}
            />
          ) : null}
        </div>
        {problem ? <ProblemText id={problemId} code={problem} /> : null}
      </td>
    </tr>
  );
});
