import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Metrics } from './metrics';

// The Grafana dashboard and the Prometheus alert rules in docs/ query only what GET /metrics serves:
// every metric they name is registered, with the type its suffix implies, and every label they group
// by is one of its labels. A renamed metric fails here, not silently on an operator's wall.

const root = path.resolve(__dirname, '../..');
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];
/** Labels Prometheus adds to every series it scrapes. */
const TARGET_LABELS = ['job', 'instance'];

interface Registered {
  type: string;
  labels: Set<string>;
}

function registered(): Map<string, Registered> {
  const metrics = new Metrics({ version: '0.0.0', buildId: 'test' });
  const known = new Map<string, Registered>();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    const labelNames = (metric as { labelNames?: readonly string[] }).labelNames ?? [];
    known.set(metric.name, { type: String(metric.type), labels: new Set(labelNames) });
  }
  return known;
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}

function alertRules(): Rule[] {
  const document = parse(readFileSync(path.join(root, 'docs/prometheus-alerts.yml'), 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> };
  return document.groups.flatMap((group) => group.rules);
}

interface Panel {
  title: string;
  targets?: Array<{ expr: string }>;
}

function dashboardExpressions(): Array<{ where: string; expr: string }> {
  const dashboard = JSON.parse(readFileSync(path.join(root, 'docs/grafana-dashboard.json'), 'utf8')) as {
    panels: Panel[];
    templating: { list: Array<{ name: string; definition?: string }> };
  };
  return [
    ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
    ...dashboard.templating.list.flatMap((variable) => (variable.definition ? [{ where: `variable ${variable.name}`, expr: variable.definition }] : [])),
  ];
}

/** The metric a series name belongs to: `x_bucket` is histogram x's. */
function problemsOf(expr: string, known: Map<string, Registered>): string[] {
  const problems: string[] = [];
  const used: Registered[] = [];
  for (const series of new Set(expr.match(/\bchatload_[a-z0-9_]+/g) ?? [])) {
    const direct = known.get(series);
    const suffix = HISTOGRAM_SUFFIXES.find((candidate) => series.endsWith(candidate));
    const base = suffix ? known.get(series.slice(0, -suffix.length)) : undefined;
    if (base?.type === 'histogram') used.push({ type: 'histogram', labels: new Set([...base.labels, 'le']) });
    else if (direct?.type === 'histogram') problems.push(`${series} is a histogram: query its _bucket, _sum or _count`);
    else if (direct) used.push(direct);
    else problems.push(`${series} is not a metric of GET /metrics`);
  }
  if (used.length === 0) problems.push('names no chatload metric');
  for (const match of expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)) {
    for (const label of match[1]!.split(',').map((item) => item.trim()).filter(Boolean)) {
      if (!TARGET_LABELS.includes(label) && !used.some((metric) => metric.labels.has(label))) problems.push(`no metric here has the label "${label}"`);
    }
  }
  for (const match of expr.matchAll(/\{([^}]*)\}/g)) {
    for (const label of match[1]!.split(',').map((item) => item.split(/[=!~]/)[0]!.trim()).filter(Boolean)) {
      if (!TARGET_LABELS.includes(label) && !used.some((metric) => metric.labels.has(label))) problems.push(`no metric here has the label "${label}"`);
    }
  }
  return problems;
}

describe('the monitoring files in docs/', () => {
  const known = registered();

  it('knows the metrics and their labels (the check itself can fail)', () => {
    expect(problemsOf('max(chatload_open_chats)', known)).toEqual([]);
    expect(problemsOf('max by (team) (chatload_team_open_chats)', known)).toEqual([]);
    expect(problemsOf('chatload_open_chat > 0', known)).toContain('chatload_open_chat is not a metric of GET /metrics');
    expect(problemsOf('max by (channel) (chatload_team_open_chats)', known)).toEqual(['no metric here has the label "channel"']);
    expect(problemsOf('rate(chatload_upstream_request_duration_seconds[5m])', known)).toContainEqual(expect.stringContaining('is a histogram'));
    expect(problemsOf('sum by (le, method) (rate(chatload_upstream_request_duration_seconds_bucket[5m]))', known)).toEqual([]);
  });

  it('the alert rules parse, are complete, and query only registered metrics', () => {
    const rules = alertRules();
    expect(rules.map((rule) => rule.alert)).toEqual(expect.arrayContaining(['ChatloadUpstreamDown', 'ChatloadDataOld', 'ChatloadChatsOverCritical', 'ChatloadPartialData']));
    for (const rule of rules) {
      expect(problemsOf(rule.expr, known), rule.alert).toEqual([]);
      expect(rule.labels?.severity, rule.alert).toMatch(/^(critical|warning)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
    const byName = new Map(rules.map((rule) => [rule.alert, rule]));
    expect(byName.get('ChatloadUpstreamDown')).toMatchObject({ expr: expect.stringContaining('chatload_upstream_up'), for: '3m' });
    expect(byName.get('ChatloadDataOld')?.expr).toMatch(/chatload_data_age_seconds\)? > 120/);
  });

  it('the Grafana dashboard queries only registered metrics, and shows every load and upstream metric', () => {
    const expressions = dashboardExpressions();
    for (const { where, expr } of expressions) expect(problemsOf(expr, known), where).toEqual([]);
    const shown = expressions.map(({ expr }) => expr).join('\n');
    for (const name of [
      'chatload_open_chats',
      'chatload_channel_open_chats',
      'chatload_team_open_chats',
      'chatload_chats_over_critical',
      'chatload_operators_over_capacity',
      'chatload_upstream_up',
      'chatload_data_age_seconds',
      'chatload_upstream_request_duration_seconds_bucket',
      'chatload_upstream_errors_total',
      'chatload_moves_total',
    ]) {
      expect(shown, name).toContain(name);
    }
  });
});
