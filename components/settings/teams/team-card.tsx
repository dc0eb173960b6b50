'use client';

import { useTranslations } from 'next-intl';
import { memo, useEffect, useRef, useState } from 'react';
import type { DraftTeam, ProblemCode } from './draft';
import { MembersField } from './operator-picker';
import type { ChannelOption, OperatorOption } from './people';
import { ProblemText } from './problem-text';

interface Props {
  team: DraftTeam;
  index: number;
  operators: readonly OperatorOption[];
  channels: readonly ChannelOption[];
  nameProblem: ProblemCode | undefined;
  idProblem: ProblemCode | undefined;
  /** Other teams of each operator, for the picker's notes. */
  otherTeamsOf: (operatorId: string, exceptKey: string) => string | null;
  onRename: (key: string, name: string) => void;
  onId: (key: string, id: string) => void;
  onOperators: (key: string, ids: string[]) => void;
  onChannels: (key: string, ids: string[]) => void;
  onDelete: (key: string) => void;
}

/** One team: its name and id, the channels it serves, its operators; deleted after a second press. */
export const TeamCard = memo(function TeamCard({ team, index, operators, channels, nameProblem, idProblem, otherTeamsOf, onRename, onId, onOperators, onChannels, onDelete }: Props) {
  const t = useTranslations('teamSettings');
  const base = `ts-team-${team.key}`;
  const title = team.name.trim() || t('unnamedTeam');
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // The question takes focus when asked; Cancel gives it back to Delete.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const channelIds = new Set(team.channelIds);
  return (
    <article className="ts-team" aria-labelledby={`${base}-title`} data-testid={`team-card-${index}`}>
      <h4 id={`${base}-title`} className="ts-team-title">
        {title}
      </h4>
      <div className="ts-fields">
        <label htmlFor={`${base}-name`}>
          <span>{t('teamName')}</span>
          <input
            id={`${base}-name`}
            className="input"
            value={team.name}
            autoComplete="off"
            onChange={(event) => onRename(team.key, event.target.value)}
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={nameProblem ? `${base}-name-problem` : undefined}
            data-field={`teams[${index}].name`}
            data-testid="team-name"
          />
        </label>
        {nameProblem ? <ProblemText id={`${base}-name-problem`} code={nameProblem} /> : null}
        <label htmlFor={`${base}-id`}>
          <span>{t('teamId')}</span>
          <input
            id={`${base}-id`}
            className="input ts-mono"
            value={team.id}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            onChange={(event) => onId(team.key, event.target.value)}
            aria-invalid={idProblem ? true : undefined}
            aria-describedby={`${base}-id-hint${idProblem ? ` ${base}-id-problem` : ''}`}
            data-field={`teams[${index}].id`}
            data-testid="team-id"
          />
        </label>
        <span id={`${base}-id-hint`} className="muted small">
          {team.autoId ? t('teamIdProposed') : t('teamIdHint', { id: team.id })}
        </span>
        {idProblem ? <ProblemText id={`${base}-id-problem`} code={idProblem} /> : null}
      </div>

      <fieldset className="ts-channels" data-field={`teams[${index}].channelIds`}>
        <legend>{t('teamChannels')}</legend>
        {channels.length === 0 ? <p className="muted small">{t('noChannels')}</p> : null}
        {channels.map((channel) => (
          <label key={channel.id} className="check">
            <input
              type="checkbox"
              checked={channelIds.has(channel.id)}
              onChange={(event) => {
                const next = event.target.checked ? [...team.channelIds, channel.id] : team.channelIds.filter((id) => id !== channel.id);
                onChannels(team.key, next);
              }}
              data-testid={`team-channel-${channel.id}`}
            />
            <span>
              {channel.label}
              {channel.problem ? <span className="flag"> · {channel.problem}</span> : null}
              {channel.unknown ? <span className="tag tag-warn">{t('notInWamm')}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>

      <MembersField
        title={t('teamOperators')}
        legend={t('teamOperatorsOf', { team: title })}
        empty={t('teamNoOperators')}
        options={operators}
        selected={team.operatorIds}
        onChange={(ids) => onOperators(team.key, ids)}
        noteOf={(id) => otherTeamsOf(id, team.key)}
        field={`teams[${index}].operatorIds`}
        testId="team-operators"
      />

      <div className="ts-team-actions">
        {confirming ? (
          <span className="confirm" role="group" aria-label={t('deleteTeamQuestion', { team: title })}>
            <span>{t('deleteTeamQuestion', { team: title })}</span>
            <button ref={confirmButton} type="button" className="button button-small button-danger" onClick={() => onDelete(team.key)} data-testid="team-delete-confirm">
              {t('deleteTeamConfirm')}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </span>
        ) : (
          <button ref={deleteButton} type="button" className="button button-small button-danger" onClick={() => setConfirming(true)} data-testid="team-delete">
            {t('deleteTeam')}
          </button>
        )}
      </div>
    </article>
  );
});
