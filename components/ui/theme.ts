'use client';

import { useCallback, useEffect, useState } from 'react';

// The page theme: the system's by default, or light or dark as chosen, remembered in this browser.

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'chatload.theme';

function apply(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

export function readStoredTheme(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Applies the remembered theme on every page. */
export function useStoredTheme(): void {
  useEffect(() => apply(readStoredTheme()), []);
}

export function useThemeChoice(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>('system');
  useEffect(() => setChoice(readStoredTheme()), []);
  const choose = useCallback((next: ThemeChoice) => {
    setChoice(next);
    apply(next);
    try {
      if (next === 'system') window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice holds until the page is closed.
    }
  }, []);
  return [choice, choose];
}
