'use client';

import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * How many rows of a list fit its panel, at most `max`. A wall display's panels change size when
 * the stale banner comes and goes (its reason wraps onto more lines) or the screen is another one:
 * a fixed row count then cuts off the last rows and the "+ N more" line under them. This starts
 * from `max` and takes a row away while the panel's content is taller than the panel, before the
 * browser paints; it starts again from `max` when the panel changes size or `contentKey` (what the
 * list holds) changes.
 */
export function useFitCount<T extends HTMLElement>(max: number, contentKey: string | number): { ref: RefObject<T | null>; count: number } {
  const ref = useRef<T | null>(null);
  const [count, setCount] = useState(max);
  const [basis, setBasis] = useState({ max, contentKey });
  if (basis.max !== max || basis.contentKey !== contentKey) {
    setBasis({ max, contentKey });
    setCount(max);
  }

  // After every render: still too tall, so one row fewer (React renders again before the paint).
  useLayoutEffect(() => {
    const box = ref.current;
    if (box && count > 0 && box.scrollHeight > box.clientHeight + 1) setCount(count - 1);
  });

  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    let height = box.clientHeight;
    const observer = new ResizeObserver(() => {
      if (box.clientHeight === height) return;
      height = box.clientHeight;
      setCount(max);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [max]);

  return { ref, count: Math.min(count, max) };
}
