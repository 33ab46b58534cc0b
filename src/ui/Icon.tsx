// Line icons, one path each (24×24, stroked with currentColor); always decorative: the button around an
// icon carries the accessible name. A function, not a component: nothing to keep per icon.

export const DOWN = 'M6 9l6 6 6-6';

export const icon = (d: string) => (
  <svg viewBox="0 0 24 24" aria-hidden>
    <path d={d} />
  </svg>
);
