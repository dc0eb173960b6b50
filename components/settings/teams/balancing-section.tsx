'use client';

import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import type { Settings } from '@/lib/settings/schema';
import { MAX_MINUTES, MAX_MOVES, MAX_NO_REPEAT_HOURS, type BalancingChange, type Draft, type ProblemCode } from './draft';
import { NumberField } from './number-field';
import { ProblemText } from './problem-text';

// How chatload rebalances: off, suggesting, or moving chats by itself (which writes into wamm.chat,
// said plainly); which rules plan moves; the limits; and, as `children`, who is left out.

type Rules = Settings['balancing']['rules'];
type Mode = Settings['balancing']['mode'];

const MODES: readonly Mode[] = ['off', 'suggest', 'auto'];
const RULES = ['unassigned', 'awayOperators', 'overCapacity', 'waitingTooLong'] as const satisfies readonly (keyof Rules)[];

interface Props {
  draft: Draft;
  problems: ReadonlyMap<string, ProblemCode>;
  onChange: (change: BalancingChange) => void;
  onRules: (change: Partial<Rules>) => void;
  children: ReactNode;
}

export function BalancingSection({ draft, problems, onChange, onRules, children }: Props) {
  const t = useTranslations('rebalance.settings');
  const tSettings = useTranslations('teamSettings');
  const ids = useId();
  const { balancing } = draft;
  const numbers = [
    { field: 'balancing.maxMovesPerRun', label: t('maxMovesPerRun'), min: 1, max: MAX_MOVES, value: balancing.maxMovesPerRun, onValue: (n: number) => onChange({ maxMovesPerRun: n }), testId: 'balancing-max-moves' },
    { field: 'balancing.maxMovesPerOperatorPerHour', label: t('maxMovesPerOperatorPerHour'), min: 1, max: MAX_MOVES, value: balancing.maxMovesPerOperatorPerHour, onValue: (n: number) => onChange({ maxMovesPerOperatorPerHour: n }), testId: 'balancing-max-per-operator' },
    { field: 'balancing.intervalMinutes', label: t('intervalMinutes'), min: 1, max: MAX_MINUTES, value: balancing.intervalMinutes, onValue: (n: number) => onChange({ intervalMinutes: n }), testId: 'balancing-interval' },
    { field: 'balancing.noRepeatHours', label: t('noRepeatHours'), min: 0, max: MAX_NO_REPEAT_HOURS, value: balancing.noRepeatHours, onValue: (n: number) => onChange({ noRepeatHours: n }), testId: 'balancing-no-repeat' },
  ];
  const waitingProblem = problems.get('balancing.rules.waitingTooLongMinutes');
  return (
    <section className="ts-block" aria-labelledby={`${ids}-title`} data-testid="balancing-section">
      <h3 id={`${ids}-title`}>{tSettings('balancingTitle')}</h3>
      <fieldset className="rb-fieldset">
        <legend>{t('mode')}</legend>
        {MODES.map((mode) => (
          <label key={mode} className="rb-choice">
            <input type="radio" name={`${ids}-mode`} value={mode} checked={balancing.mode === mode} onChange={() => onChange({ mode })} data-testid={`balancing-mode-${mode}`} />{' '}
            <span>
              <strong>{t(`modes.${mode}`)}</strong> <span className="muted small">{t(`modeHints.${mode}`)}</span>
            </span>
          </label>
        ))}
        {balancing.mode === 'auto' ? (
          <p className="banner banner-stale small" role="note" data-testid="balancing-auto-warning">
            {t('autoWarning')}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="rb-fieldset">
        <legend>{t('rules')}</legend>
        {RULES.map((rule) => (
          <label key={rule} className="rb-choice">
            <input type="checkbox" checked={balancing.rules[rule]} onChange={(event) => onRules({ [rule]: event.target.checked })} data-testid={`balancing-rule-${rule}`} /> {t(`ruleNames.${rule}`)}
          </label>
        ))}
        {balancing.rules.waitingTooLong ? (
          <label className="rb-number" htmlFor={`${ids}-waiting`}>
            <span>{t('waitingTooLongMinutes')}</span>
            <NumberField
              id={`${ids}-waiting`}
              min={1}
              max={MAX_MINUTES}
              value={balancing.rules.waitingTooLongMinutes}
              onValue={(n) => onRules({ waitingTooLongMinutes: n })}
              aria-invalid={waitingProblem ? true : undefined}
              aria-describedby={waitingProblem ? `${ids}-waiting-problem` : undefined}
              data-field="balancing.rules.waitingTooLongMinutes"
            />
            {waitingProblem ? <ProblemText id={`${ids}-waiting-problem`} code={waitingProblem} /> : null}
          </label>
        ) : null}
      </fieldset>
      <div className="ts-minutes">
        {numbers.map(({ field, label, min, max, value, onValue, testId }) => {
          const problem = problems.get(field);
          const id = `${ids}-${testId}`;
          return (
            <div key={field} className="ts-minutes-field">
              <label htmlFor={id}>
                <span>{label}</span>
                <NumberField
                  id={id}
                  min={min}
                  max={max}
                  value={value}
                  onValue={onValue}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-problem` : undefined}
                  data-field={field}
                  data-testid={testId}
                />
              </label>
              {problem ? <ProblemText id={`${id}-problem`} code={problem} /> : null}
            </div>
          );
        })}
      </div>
      <p className="muted small">{tSettings('excludedIntro')}</p>
      {children}
    </section>
  );
}
