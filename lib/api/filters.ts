import 'server-only';
import type { LoadFilters } from '@/lib/load/aggregate';
import { ApiError } from './errors';

/** The view's filters, with a team the settings must know: an unknown one is a 400 naming `team`. */
export function checkedFilters(
  query: { channel: string | null; user: string | null; team: string | null },
  teams: ReadonlyArray<{ id: string }>,
): LoadFilters {
  if (query.team !== null && !teams.some((team) => team.id === query.team)) {
    const known = teams.map((team) => team.id);
    throw ApiError.badRequest(
      `team "${query.team}" is not a team of the settings${known.length > 0 ? `: use one of ${known.slice(0, 20).join(', ')}` : ' (no teams are set up yet)'}`,
    );
  }
  return { channel: query.channel, user: query.user, team: query.team };
}
