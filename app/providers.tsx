'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useStoredTheme } from '@/components/ui/theme';

export function Providers({ children }: { children: ReactNode }) {
  useStoredTheme();
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // A wall of dashboards polls through flaky Wi-Fi: try once more, then say so.
            retry: 1,
            retryDelay: 1000,
            // Fetch even when the browser thinks it is offline, so a lost connection shows as such.
            networkMode: 'always',
            refetchOnWindowFocus: true,
            staleTime: 2000,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
