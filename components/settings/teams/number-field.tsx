'use client';

import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** NaN while the field is empty or not a number: the draft then holds a problem, never a guess. */
  value: number;
  onValue: (value: number) => void;
};

const parse = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
const format = (value: number) => (Number.isNaN(value) ? '' : String(value));

/**
 * A whole-number input that keeps what is typed (an empty field stays empty, not 0) and shows a new
 * value when the draft changes from elsewhere: Discard, an import, a value set for many at once.
 */
export function NumberField({ value, onValue, className, ...rest }: Props) {
  const [text, setText] = useState(() => format(value));
  const [shownValue, setShownValue] = useState(value);
  if (!Object.is(shownValue, value)) {
    setShownValue(value);
    if (!Object.is(parse(text), value)) setText(format(value));
  }
  return (
    <input
      {...rest}
      type="number"
      inputMode="numeric"
      step={1}
      className={className ?? 'input ts-number'}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const parsed = parse(next);
        setShownValue(parsed);
        onValue(parsed);
      }}
    />
  );
}
