import type { ChannelLoad, UserLoad } from '@/lib/load/types';
import type { LoadFilters } from './filters';
import { channelName, operatorName, operatorsByName } from './labels';

interface Props {
  filters: LoadFilters;
  operators: UserLoad[];
  channels: ChannelLoad[];
  onChange: (next: Partial<LoadFilters>) => void;
}

export function FilterBar({ filters, operators, channels, onChange }: Props) {
  const operatorOptions = operatorsByName(operators);
  // A bookmarked filter on an id the lists no longer hold still shows as selected.
  const missingOperator = filters.user && !operators.some((row) => row.userId === filters.user);
  const missingChannel = filters.channel && !channels.some((row) => row.apiId === filters.channel);
  return (
    <form className="filters" role="search" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        <span>Channel</span>
        <select data-testid="filter-channel" value={filters.channel ?? ''} onChange={(event) => onChange({ channel: event.target.value || null })}>
          <option value="">All channels</option>
          {channels.map((row) => (
            <option key={row.apiId} value={row.apiId}>
              {channelName(row)}
            </option>
          ))}
          {missingChannel ? <option value={filters.channel!}>Channel {filters.channel}</option> : null}
        </select>
      </label>
      <label>
        <span>Operator</span>
        <select data-testid="filter-user" value={filters.user ?? ''} onChange={(event) => onChange({ user: event.target.value || null })}>
          <option value="">All operators</option>
          {operatorOptions.map((row) => (
            <option key={row.userId} value={row.userId}>
              {operatorName(row)}
            </option>
          ))}
          {missingOperator ? <option value={filters.user!}>Operator {filters.user}</option> : null}
        </select>
      </label>
      {filters.channel || filters.user ? (
        <button type="button" className="button" onClick={() => onChange({ channel: null, user: null })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
