import { useTranslations } from 'next-intl';
import type { ChannelLoad, TeamLoad, UserLoad } from '@/lib/load/types';
import type { LoadFilters } from './filters';
import { operatorsByName, useLabels } from './labels';

interface Props {
  filters: LoadFilters;
  operators: UserLoad[];
  channels: ChannelLoad[];
  /** The settings' teams (byTeam); without teams there is no team filter. */
  teams: TeamLoad[];
  onChange: (next: Partial<LoadFilters>) => void;
}

export function FilterBar({ filters, operators, channels, teams, onChange }: Props) {
  const t = useTranslations('filters');
  const tTeams = useTranslations('teams.filter');
  const labels = useLabels();
  const operatorOptions = operatorsByName(operators, labels);
  // A bookmarked filter on an id the lists no longer hold still shows as selected.
  const missingOperator = filters.user && !operators.some((row) => row.userId === filters.user);
  const missingChannel = filters.channel && !channels.some((row) => row.apiId === filters.channel);
  const missingTeam = filters.team && !teams.some((row) => row.teamId === filters.team);
  return (
    <form className="filters" role="search" aria-label={t('label')} onSubmit={(event) => event.preventDefault()}>
      {teams.length > 0 || filters.team ? (
        <label>
          <span>{tTeams('team')}</span>
          <select data-testid="filter-team" value={filters.team ?? ''} onChange={(event) => onChange({ team: event.target.value || null })}>
            <option value="">{tTeams('allTeams')}</option>
            {teams.map((row) => (
              <option key={row.teamId} value={row.teamId}>
                {row.name}
              </option>
            ))}
            {missingTeam ? <option value={filters.team!}>{filters.team}</option> : null}
          </select>
        </label>
      ) : null}
      <label>
        <span>{t('channel')}</span>
        <select data-testid="filter-channel" value={filters.channel ?? ''} onChange={(event) => onChange({ channel: event.target.value || null })}>
          <option value="">{t('allChannels')}</option>
          {channels.map((row) => (
            <option key={row.apiId} value={row.apiId}>
              {labels.channelName(row)}
            </option>
          ))}
          {missingChannel ? <option value={filters.channel!}>{labels.channelName(undefined, filters.channel!)}</option> : null}
        </select>
      </label>
      <label>
        <span>{t('operator')}</span>
        <select data-testid="filter-user" value={filters.user ?? ''} onChange={(event) => onChange({ user: event.target.value || null })}>
          <option value="">{t('allOperators')}</option>
          {operatorOptions.map((row) => (
            <option key={row.userId} value={row.userId}>
              {labels.operatorName(row)}
            </option>
          ))}
          {missingOperator ? <option value={filters.user!}>{labels.operatorName({ userId: filters.user!, name: null })}</option> : null}
        </select>
      </label>
      {filters.channel || filters.user || filters.team ? (
        <button type="button" className="button" onClick={() => onChange({ channel: null, user: null, team: null })}>
          {t('clear')}
        </button>
      ) : null}
    </form>
  );
}
