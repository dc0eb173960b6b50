'use client';

import { useEffect, useState, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

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

export function ChartFrame({ height, label, children }: { height: number; label: string; children: ReactElement }) {
  return (
    <div className="chart-frame" style={{ height }} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}
