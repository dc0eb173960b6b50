'use client';

import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { useRuleName } from '@/components/alerts/alert-strip';
import { ALERT_CHANNELS, type AlertChannelKind } from '@/components/alerts/types';
import { NumberField } from '@/components/settings/teams/number-field';
import { COUNTED_KINDS, MAX_MINUTES, MAX_THRESHOLD, type AlertRule } from './alert-draft';

interface Props {
  rule: AlertRule;
  index: number;
  /** The settings' teams, for the rule's scope. */
  teams: ReadonlyArray<{ id: string; name: string }>;
  /** What is wrong with a field of this rule (by its path), or null. */
  problemOf: (field: string) => string | null;
  onChange: (index: number, change: Partial<AlertRule>) => void;
  onChannel: (index: number, channel: AlertChannelKind, on: boolean) => void;
  onRemove: (index: number) => void;
}

/** One rule: on or off, its number, whose chats, how long it must hold, reminders, quiet hours, channels. */
export const AlertRuleCard = memo(function AlertRuleCard({ rule, index, teams, problemOf, onChange, onChannel, onRemove }: Props) {
  const t = useTranslations('alerts.settings');
  const tChannels = useTranslations('alerts.channels');
  const ruleName = useRuleName();
  const base = `al-rule-${index}`;
  const path = `alerts.rules[${index}]`;
  const field = (name: string) => {
    const problem = problemOf(`${path}.${name}`);
    return {
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${base}-${name}-problem` : undefined,
      'data-field': `${path}.${name}`,
    } as const;
  };
  const problemText = (name: string) => {
    const problem = problemOf(`${path}.${name}`);
    return problem ? (
      <span id={`${base}-${name}-problem`} className="form-error small ts-problem" data-testid="alert-field-problem">
        {problem}
      </span>
    ) : null;
  };
  const quietProblem = problemOf(`${path}.quietHours.from`) ?? problemOf(`${path}.quietHours.to`) ?? problemOf(`${path}.quietHours`);
  const missingTeam = rule.teamId !== null && !teams.some((team) => team.id === rule.teamId);

  return (
    <article className={rule.enabled ? 'al-rule' : 'al-rule al-rule-off'} aria-labelledby={`${base}-title`} data-testid={`alert-rule-${index}`} data-kind={rule.kind}>
      <div className="al-rule-head">
        <h4 id={`${base}-title`}>{ruleName(rule.kind)}</h4>
        <label className="al-switch">
          <input
            type="checkbox"
            role="switch"
            checked={rule.enabled}
            onChange={(event) => onChange(index, { enabled: event.target.checked })}
            data-field={`${path}.enabled`}
            data-testid="alert-rule-enabled"
          />
          <span>{rule.enabled ? t('on') : t('off')}</span>
        </label>
      </div>
      <p className="muted small al-rule-what">{t(`what.${rule.kind}`)}</p>
      <div className="al-rule-fields">
        {COUNTED_KINDS.has(rule.kind) ? (
          <div>
            <label htmlFor={`${base}-threshold`}>
              <span>{t(`threshold.${rule.kind as 'critical_chats'}`)}</span>
              <NumberField id={`${base}-threshold`} min={1} max={MAX_THRESHOLD} value={rule.threshold} onValue={(threshold) => onChange(index, { threshold })} {...field('threshold')} data-testid="alert-rule-threshold" />
            </label>
            {problemText('threshold')}
          </div>
        ) : null}
        <div>
          <label htmlFor={`${base}-team`}>
            <span>{t('team')}</span>
            <select id={`${base}-team`} value={rule.teamId ?? ''} onChange={(event) => onChange(index, { teamId: event.target.value || null })} {...field('teamId')} data-testid="alert-rule-team">
              <option value="">{t('everyone')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
              {missingTeam ? <option value={rule.teamId!}>{rule.teamId}</option> : null}
            </select>
          </label>
          {problemText('teamId')}
        </div>
        <div>
          <label htmlFor={`${base}-for`}>
            <span>{t('forMinutes')}</span>
            <NumberField id={`${base}-for`} min={0} max={MAX_MINUTES} value={rule.forMinutes} onValue={(forMinutes) => onChange(index, { forMinutes })} {...field('forMinutes')} data-testid="alert-rule-for" />
          </label>
          {problemText('forMinutes')}
        </div>
        <div>
          <label htmlFor={`${base}-repeat`}>
            <span>{t('repeatMinutes')}</span>
            <NumberField id={`${base}-repeat`} min={1} max={MAX_MINUTES} value={rule.repeatMinutes} onValue={(repeatMinutes) => onChange(index, { repeatMinutes })} {...field('repeatMinutes')} data-testid="alert-rule-repeat" />
          </label>
          {problemText('repeatMinutes')}
        </div>
        <fieldset className="al-quiet" data-field={`${path}.quietHours`}>
          <legend>{t('quietHours')}</legend>
          <label>
            <span>{t('quietFrom')}</span>
            <input
              type="time"
              className="input"
              value={rule.quietHours?.from ?? ''}
              onChange={(event) => onChange(index, { quietHours: quietHoursOf(event.target.value, rule.quietHours?.to ?? '') })}
              aria-invalid={quietProblem ? true : undefined}
              aria-describedby={`${base}-quiet-hint${quietProblem ? ` ${base}-quiet-problem` : ''}`}
              data-field={`${path}.quietHours.from`}
            />
          </label>
          <label>
            <span>{t('quietTo')}</span>
            <input
              type="time"
              className="input"
              value={rule.quietHours?.to ?? ''}
              onChange={(event) => onChange(index, { quietHours: quietHoursOf(rule.quietHours?.from ?? '', event.target.value) })}
              aria-invalid={quietProblem ? true : undefined}
              aria-describedby={`${base}-quiet-hint${quietProblem ? ` ${base}-quiet-problem` : ''}`}
              data-field={`${path}.quietHours.to`}
            />
          </label>
          <span id={`${base}-quiet-hint`} className="muted small">
            {t('quietHint')}
          </span>
          {quietProblem ? (
            <span id={`${base}-quiet-problem`} className="form-error small ts-problem">
              {quietProblem}
            </span>
          ) : null}
        </fieldset>
        <fieldset className="al-rule-channels" data-field={`${path}.channelIds`}>
          <legend>{t('channels')}</legend>
          {ALERT_CHANNELS.map((channel) => (
            <label key={channel} className="check">
              <input type="checkbox" checked={rule.channelIds.includes(channel)} onChange={(event) => onChannel(index, channel, event.target.checked)} data-testid={`alert-rule-channel-${channel}`} />
              {tChannels(channel)}
            </label>
          ))}
          <span className="muted small">{t('channelsHint')}</span>
          {problemText('channelIds')}
        </fieldset>
      </div>
      <div className="al-rule-actions">
        <button type="button" className="button button-small" onClick={() => onRemove(index)} data-testid="alert-rule-remove">
          {t('removeRule')}
        </button>
      </div>
    </article>
  );
});

/** Both times empty: never quiet. */
function quietHoursOf(from: string, to: string): AlertRule['quietHours'] {
  return from === '' && to === '' ? null : { from, to };
}
