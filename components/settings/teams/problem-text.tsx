'use client';

import { useTranslations } from 'next-intl';
import type { ProblemCode } from './draft';

/** What is wrong with a field, beside it; the field points here with aria-describedby. */
export function ProblemText({ id, code }: { id: string; code: ProblemCode }) {
  const t = useTranslations('teamSettings');
  return (
    <span id={id} className="form-error small ts-problem">
      {t(`problems.${code}`)}
    </span>
  );
}
