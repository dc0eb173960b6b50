'use client';

import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { TvDisplay } from '@/components/tv/tv-display';
import { parseTvConfig } from '@/components/tv/tv-config';

export function TvPage() {
  const params = useSearchParams();
  const search = params.toString();
  const config = useMemo(() => parseTvConfig(new URLSearchParams(search)), [search]);
  return <TvDisplay config={config} />;
}
