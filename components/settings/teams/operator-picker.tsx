'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { OperatorOption } from './people';
import { matchesQuery, orderedSelection, pickInList } from './selection';

/** Whether Shift was held for the click (or key press) that ticked a checkbox. */
export function withShift(event: ChangeEvent<HTMLInputElement>): boolean {
  const native = event.nativeEvent as Partial<MouseEvent>;
  return native.shiftKey === true;
}

/** Locked, deleted and no-longer-listed operators are marked wherever they are offered. */
export function OperatorTags({ option }: { option: OperatorOption }) {
  const t = useTranslations('teamSettings');
  return (
    <>
      {option.locked ? <span className="tag">{t('locked')}</span> : null}
      {option.deleted ? <span className="tag tag-warn">{t('deleted')}</span> : null}
      {option.unknown ? <span className="tag tag-warn">{t('notInWamm')}</span> : null}
    </>
  );
}

interface PickerProps {
  /** What is being picked, for screen readers: "Operators of Поддержка". */
  legend: string;
  options: readonly OperatorOption[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  /** A short line after a name, such as the teams the operator is in already. */
  noteOf?: (id: string) => string | null;
  testId: string;
}

/**
 * Many operators out of a few hundred: search by name or id, tick all that match at once, Shift-click
 * a range. The search box gets focus when the picker opens.
 */
export function OperatorPicker({ legend, options, selected, onChange, noteOf, testId }: PickerProps) {
  const t = useTranslations('teamSettings');
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [onlySelected, setOnlySelected] = useState(false);
  const anchor = useRef<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const chosen = useMemo(() => new Set(selected), [selected]);
  const visible = useMemo(
    () => options.filter((option) => matchesQuery(option, query) && (!onlySelected || chosen.has(option.id))),
    [options, query, onlySelected, chosen],
  );
  const visibleIds = useMemo(() => visible.map((option) => option.id), [visible]);
  const order = useMemo(() => options.map((option) => option.id), [options]);
  const visibleChosen = visibleIds.filter((id) => chosen.has(id)).length;

  useEffect(() => search.current?.focus(), []);

  const commit = (next: Set<string>) => onChange(orderedSelection(selected, next, order));
  const setAllVisible = (on: boolean) => {
    const next = new Set(chosen);
    for (const id of visibleIds) {
      if (on) next.add(id);
      else next.delete(id);
    }
    commit(next);
  };

  return (
    <fieldset className="ts-picker" data-testid={testId}>
      <legend className="visually-hidden">{legend}</legend>
      <div className="ts-picker-tools">
        <label className="ts-search" htmlFor={searchId}>
          <span>{t('search')}</span>
          <input
            id={searchId}
            ref={search}
            type="search"
            className="input"
            value={query}
            placeholder={t('searchPlaceholder')}
            autoComplete="off"
            onChange={(event) => setQuery(event.target.value)}
            data-testid={`${testId}-search`}
          />
        </label>
        <button type="button" className="button button-small" disabled={visibleChosen === visible.length} onClick={() => setAllVisible(true)} data-testid={`${testId}-select-matching`}>
          {query.trim() ? t('selectMatching', { count: visible.length }) : t('selectAll', { count: visible.length })}
        </button>
        <button type="button" className="button button-small" disabled={visibleChosen === 0} onClick={() => setAllVisible(false)} data-testid={`${testId}-clear-matching`}>
          {query.trim() ? t('clearMatching', { count: visibleChosen }) : t('clearAll', { count: visibleChosen })}
        </button>
        <label className="check small">
          <input type="checkbox" checked={onlySelected} onChange={(event) => setOnlySelected(event.target.checked)} />
          <span>{t('onlySelected')}</span>
        </label>
      </div>
      <p className="muted small ts-picker-count" aria-live="polite">
        {t('pickedCount', { count: chosen.size, total: options.length })}
        {query.trim() ? ` · ${t('matchingCount', { count: visible.length })}` : ''}
      </p>
      {visible.length === 0 ? (
        <p className="muted small">{t('noMatch')}</p>
      ) : (
        <ul className="ts-picker-list">
          {visible.map((option) => {
            const note = noteOf?.(option.id) ?? null;
            return (
              <li key={option.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(option.id)}
                    onChange={(event) => {
                      commit(pickInList(chosen, visibleIds, option.id, event.target.checked, anchor.current, withShift(event)));
                      anchor.current = option.id;
                    }}
                    data-testid={`${testId}-option-${option.id}`}
                  />
                  <span className="ts-option">
                    <span>{option.label}</span> <span className="muted small">{option.id}</span>
                    <OperatorTags option={option} />
                    {note ? <span className="muted small ts-option-note">{note}</span> : null}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <p className="muted small">{t('rangeHint')}</p>
    </fieldset>
  );
}

interface MembersProps extends Omit<PickerProps, 'testId'> {
  /** The list's name on screen: "Operators", "Excluded from balancing". */
  title: string;
  empty: string;
  /** The document's path of this list, to find it when the server names it. */
  field: string;
  testId: string;
}

/**
 * A list of operators as chips that can each be taken out, and a button that opens the picker. The
 * chips are the summary a manager reads; the picker is where many are changed at once.
 */
export function MembersField({ title, empty, field, testId, ...picker }: MembersProps) {
  const t = useTranslations('teamSettings');
  const pickerId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const chips = useRef<HTMLUListElement>(null);
  const [focusChip, setFocusChip] = useState<number | null>(null);
  const byId = useMemo(() => new Map(picker.options.map((option) => [option.id, option])), [picker.options]);

  // After a chip is taken out, focus goes to the one now in its place (or the button), not to the page.
  useEffect(() => {
    if (focusChip === null) return;
    const buttons = chips.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    (buttons[Math.min(focusChip, buttons.length - 1)] ?? toggle.current)?.focus();
    setFocusChip(null);
  }, [focusChip]);

  return (
    <div className="ts-members" data-testid={testId}>
      <div className="ts-members-head">
        <span>
          {title}: <strong data-testid={`${testId}-count`}>{t('operatorCount', { count: picker.selected.length })}</strong>
        </span>
        <button
          ref={toggle}
          type="button"
          className="button button-small"
          aria-expanded={open}
          aria-controls={open ? pickerId : undefined}
          onClick={() => setOpen(!open)}
          data-field={field}
          data-testid={`${testId}-toggle`}
        >
          {open ? t('donePicking') : t('pickOperators')}
        </button>
      </div>
      {picker.selected.length > 0 ? (
        <ul className="ts-chips" ref={chips} aria-label={title}>
          {picker.selected.map((id, index) => {
            const option = byId.get(id);
            const label = option?.label ?? id;
            return (
              <li key={id} className={option?.unknown || option?.deleted ? 'ts-chip ts-chip-warn' : 'ts-chip'}>
                <span>{label}</span>
                <button
                  type="button"
                  aria-label={t('removeFromList', { name: label, list: title })}
                  title={t('removeFromList', { name: label, list: title })}
                  onClick={() => {
                    picker.onChange(picker.selected.filter((other) => other !== id));
                    setFocusChip(index);
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted small">{empty}</p>
      )}
      {open ? (
        <div id={pickerId}>
          <OperatorPicker {...picker} testId={`${testId}-picker`} />
        </div>
      ) : null}
    </div>
  );
}
