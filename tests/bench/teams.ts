// npm run bench:teams: one refresh of 200 operators in 10 teams with capacities and 5,000 chats,
// beside the same refresh without teams. Prints figures; nothing passes or fails on timing.
import { benchTeams } from './aggregate';

const figures = benchTeams();
console.log(
  `${figures.operators} operators, ${figures.teams} teams, ${figures.chats} chats: refresh ${figures.refreshMs.toFixed(2)} ms ` +
    `(without teams ${figures.baselineMs.toFixed(2)} ms, ratio ${(figures.refreshMs / figures.baselineMs).toFixed(2)}) · one team's view ${figures.teamViewMs.toFixed(2)} ms`,
);
