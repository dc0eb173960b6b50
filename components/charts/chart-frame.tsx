'use client';

import { useEffect, useState, type ReactElement } from 'react';
import { ResponsiveContainer, type XAxisTickContentProps, type YAxisTickContentProps } from 'recharts';

// The shared wrapper of every chart: a fixed height, full width, and the animation policy — bars
// grow once when the chart first appears, never again on a poll (and not at all with reduced motion).

export function useAnimateOnce(): boolean {
  const [animate, setAnimate] = useState(true);
  useEffect(() => {
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    if (reduced) {
      setAnimate(false);
      return;
    }
    const timer = setTimeout(() => setAnimate(false), 900);
    return () => clearTimeout(timer);
  }, []);
  return animate;
}

// recharts writes its default greys and white as inline styles, which CSS can't theme: every chart
// takes its axis and tooltip styles from here, in the page's colour variables (light and dark).
export const VALUE_TICK = { fontSize: 12, fill: 'var(--muted)' } as const;
export const NAME_TICK = { fontSize: 12, fill: 'var(--text)' } as const;
export const TOOLTIP_STYLE = {
  cursor: { fill: 'var(--text)', fillOpacity: 0.06 },
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--text)', fontSize: 13 },
  itemStyle: { color: 'var(--text)', padding: 0 },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
} as const;

/** A category label on one line: recharts would wrap a long name over the next bar. */
export function nameTick(maxChars: number) {
  return function NameTick({ x, y, payload }: YAxisTickContentProps) {
    const full = String(payload.value);
    const shown = full.length > maxChars ? `${full.slice(0, maxChars - 1)}…` : full;
    return (
      <text x={x} y={y} dx={-4} dy="0.35em" textAnchor="end" fontSize={NAME_TICK.fontSize} style={{ fill: NAME_TICK.fill }}>
        {shown !== full ? <title>{full}</title> : null}
        {shown}
      </text>
    );
  };
}

/** "15–60 min" as "15–60" over "min": six buckets fit side by side on a phone. */
export function TwoLineTick({ x, y, payload }: XAxisTickContentProps) {
  const label = String(payload.value);
  const cut = label.lastIndexOf(' ');
  const lines = cut > 0 ? [label.slice(0, cut), label.slice(cut + 1)] : [label];
  return (
    <text x={x} y={y} dy="0.9em" textAnchor="middle" fontSize={NAME_TICK.fontSize} style={{ fill: NAME_TICK.fill }}>
      {lines.map((line, index) => (
        <tspan key={index} x={x} dy={index === 0 ? '0.9em' : '1.15em'}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function ChartFrame({ height, label, children }: { height: number; label: string; children: ReactElement }) {
  return (
    <div className="chart-frame" style={{ height }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}
