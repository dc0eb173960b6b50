import { ALERT_RULE_KINDS, type AlertRuleKind } from './types';

// Alerts name the rule that raised them by its id ("critical-chats", "critical-support-2"); the
// page words a rule by its kind. The settings say which kind each id is; an id made here or one of
// the defaults also says it by its start.

/** The kind of the rule `id`: from the settings' rules when given, else from the id itself; null when unknown. */
export function kindOfRule(id: string, known?: ReadonlyMap<string, AlertRuleKind>): AlertRuleKind | null {
  const listed = known?.get(id);
  if (listed) return listed;
  const underscored = id.replace(/-/g, '_');
  let best: AlertRuleKind | null = null;
  for (const kind of ALERT_RULE_KINDS) {
    if ((underscored === kind || underscored.startsWith(`${kind}_`)) && (best === null || kind.length > best.length)) best = kind;
  }
  return best;
}
