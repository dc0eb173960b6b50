import type en from './messages/en.json';
import type { Locale } from './locales';

// Types every translation key against the English catalogue: a key that does not exist fails
// `npm run typecheck`. The Russian catalogue is held to the same keys by lib/i18n/catalogues.test.ts.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
