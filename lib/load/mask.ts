// Phone numbers seen by people who need no more than to tell two customers apart: a wall display,
// a shared snapshot. The last four digits stay, the rest become "*", the layout is kept.

export function maskPhone(phone: string): string {
  let keep = 4;
  let out = '';
  for (let i = phone.length - 1; i >= 0; i--) {
    const c = phone[i]!;
    if (c >= '0' && c <= '9') {
      out = (keep > 0 ? c : '*') + out;
      keep--;
    } else out = c + out;
  }
  return out;
}
