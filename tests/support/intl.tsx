import { render, type RenderResult } from '@testing-library/react';
import { NextIntlClientProvider, createTranslator } from 'next-intl';
import type { ReactElement } from 'react';
import type { Locale } from '@/lib/i18n/locales';
import en from '@/lib/i18n/messages/en.json';
import ru from '@/lib/i18n/messages/ru.json';
import { createLabels } from '@/components/load/labels';
import { createProblemWords } from '@/components/load/problem-words';
import type { BannerWords } from '@/components/load/status';

// Components read their words from next-intl: tests render them inside the same provider the
// layout gives them, with the real catalogues.

export const MESSAGES = { en, ru } as const;

export function renderIn(locale: Locale, ui: ReactElement): RenderResult {
  return render(ui, {
    wrapper: ({ children }) => (
      <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="Europe/Moscow">
        {children}
      </NextIntlClientProvider>
    ),
  });
}

export function wordsIn(locale: Locale): BannerWords {
  const messages = MESSAGES[locale];
  return {
    t: createTranslator({ locale, messages, namespace: 'status' }),
    labels: createLabels(locale, createTranslator({ locale, messages, namespace: 'labels' })),
    problems: createProblemWords(
      createTranslator({ locale, messages, namespace: 'errors' }),
      createTranslator({ locale, messages, namespace: 'partial' }),
    ),
  };
}
