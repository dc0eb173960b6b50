'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { MAX_MINUTES, type Draft, type ProblemCode } from './draft';
import { NumberField } from './number-field';
import { ProblemText } from './problem-text';

interface Props {
  draft: Draft;
  problems: ReadonlyMap<string, ProblemCode>;
  onWarning: (minutes: number) => void;
  onCritical: (minutes: number) => void;
  onAwayAfter: (minutes: number) => void;
}

/** When a wait deserves a warning or is critical, and after how long without activity an operator is away. */
export function ThresholdsSection({ draft, problems, onWarning, onCritical, onAwayAfter }: Props) {
  const t = useTranslations('teamSettings');
  const ids = useId();
  const fields = [
    { field: 'thresholds.warningMinutes', label: t('warningMinutes'), hint: t('warningHint'), value: draft.thresholds.warningMinutes, onValue: onWarning, testId: 'warning-minutes' },
    { field: 'thresholds.criticalMinutes', label: t('criticalMinutes'), hint: t('criticalHint'), value: draft.thresholds.criticalMinutes, onValue: onCritical, testId: 'critical-minutes' },
    { field: 'availability.awayAfterMinutes', label: t('awayAfterMinutes'), hint: t('awayAfterHint'), value: draft.availability.awayAfterMinutes, onValue: onAwayAfter, testId: 'away-after-minutes' },
  ];
  return (
    <section className="ts-block" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('thresholdsTitle')}</h3>
      <div className="ts-minutes">
        {fields.map(({ field, label, hint, value, onValue, testId }) => {
          const problem = problems.get(field);
          const id = `${ids}-${testId}`;
          return (
            <div key={field} className="ts-minutes-field">
              <label htmlFor={id}>
                <span>{label}</span>
                <NumberField
                  id={id}
                  min={1}
                  max={MAX_MINUTES}
                  value={value}
                  onValue={onValue}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
                  data-field={field}
                  data-testid={testId}
                />
              </label>
              <span id={`${id}-hint`} className="muted small">
                {hint}
              </span>
              {problem ? <ProblemText id={`${id}-problem`} code={problem} /> : null}
            </div>
          );
        })}
      </div>
    </section>
  );
}
