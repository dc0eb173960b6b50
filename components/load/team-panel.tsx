'use client';

import { useTranslations } from 'next-intl';
import type { TeamLoad } from '@/lib/load/types';
import { teamUtilisation } from './capacity';
import { useLabels } from './labels';

interface Props {
  teams: TeamLoad[];
  /** The team the page is filtered to; null for all. */
  selected?: string | null;
  /** Filters the page to a team (null: all teams again). Without it (a snapshot), names are plain text. */
  onSelect?: (teamId: string | null) => void;
}

/**
 * Support against sales: each team's open chats against what its available operators can take, who
 * is over capacity and how many chats wait past the critical threshold. Counted over the whole data
 * set, whatever the page's filters, so the teams can always be compared.
 */
export function TeamPanel({ teams, selected = null, onSelect }: Props) {
  const t = useTranslations('teams.panel');
  const labels = useLabels();
  return (
    <section className="panel panel-wide" aria-labelledby="teams-title" data-testid="team-panel">
      <h2 id="teams-title">{t('title')}</h2>
      <div className="table-scroll">
        <table className="data-table team-table">
          <caption className="visually-hidden">{onSelect ? t('captionSelect') : t('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('team')}</th>
              <th scope="col" className="numeric">
                {t('openChats')}
              </th>
              <th scope="col" className="team-meter-column">
                {t('utilisation')}
              </th>
              <th scope="col" className="numeric">
                {t('available')}
              </th>
              <th scope="col" className="numeric">
                {t('overCapacity')}
              </th>
              <th scope="col" className="numeric">
                {t('pastCritical')}
              </th>
              <th scope="col" className="numeric">
                {t('oldest')}
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => {
              const use = teamUtilisation(team);
              const isSelected = team.teamId === selected;
              return (
                <tr key={team.teamId} data-testid={`team-row-${team.teamId}`} className={isSelected ? 'selected' : undefined}>
                  <th scope="row">
                    {onSelect ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-pressed={isSelected}
                        title={isSelected ? t('showAll') : t('showOnly', { team: team.name })}
                        onClick={() => onSelect(isSelected ? null : team.teamId)}
                      >
                        {team.name}
                      </button>
                    ) : (
                      team.name
                    )}
                  </th>
                  <td className="numeric strong">
                    <span data-testid={`team-open-${team.teamId}`}>{labels.count(team.openChats)}</span>
                    <span className="capacity-of" data-testid={`team-capacity-${team.teamId}`}>
                      {team.capacity === null ? (
                        <> · {t('noLimit')}</>
                      ) : (
                        <>
                          <span aria-hidden="true"> / {labels.count(team.capacity)}</span>
                          <span className="visually-hidden"> {t('ofCapacity', { capacity: team.capacity })}</span>
                        </>
                      )}
                    </span>
                  </td>
                  <td className="team-meter-column" data-testid={`team-utilisation-${team.teamId}`}>
                    {use.kind === 'ratio' ? (
                      <span className={use.over ? 'team-meter team-meter-over' : 'team-meter'}>
                        <span className="team-meter-track" aria-hidden="true">
                          <span className="team-meter-fill" style={{ width: `${Math.min(1, use.ratio) * 100}%` }} />
                        </span>
                        <span className="team-meter-text">
                          {use.over ? <span aria-hidden="true">▲ </span> : null}
                          {labels.percent(use.ratio)}
                          {use.over ? <span className="team-over-words"> {t('overCapacityWords')}</span> : null}
                        </span>
                      </span>
                    ) : use.kind === 'noCapacity' ? (
                      <span className="team-meter-text team-over-words">
                        <span aria-hidden="true">▲ </span>
                        {t('noCapacity')}
                      </span>
                    ) : (
                      <span className="muted">{t('noLimit')}</span>
                    )}
                  </td>
                  <td className="numeric" data-testid={`team-available-${team.teamId}`}>
                    {t('availableOf', { available: labels.count(team.availableOperators), operators: labels.count(team.operators) })}
                  </td>
                  <td className={team.overCapacityOperators > 0 ? 'numeric team-alert' : 'numeric'} data-testid={`team-over-capacity-${team.teamId}`}>
                    {labels.count(team.overCapacityOperators)}
                  </td>
                  <td className={team.overCriticalChats > 0 ? 'numeric team-alert' : 'numeric'} data-testid={`team-critical-${team.teamId}`}>
                    {labels.count(team.overCriticalChats)}
                  </td>
                  <td className="numeric">{labels.age(team.oldestAgeSeconds)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
