// Transport icons as inline SVG: glyph fonts differ between systems, these do not.

const SHAPES = {
  start: <><rect x="5" y="5" width="2.5" height="14" /><path d="M19 5 9 12l10 7z" /></>,
  prevEvent: <path d="M12 6 4 12l8 6zM20 6l-8 6 8 6z" />,
  back: <><path d="M15 5 7 12l8 7z" /><rect x="16.5" y="5" width="2.5" height="14" /></>,
  play: <path d="M7 5v14l12-7z" />,
  pause: <><rect x="6" y="5" width="4" height="14" /><rect x="14" y="5" width="4" height="14" /></>,
  forward: <><rect x="5" y="5" width="2.5" height="14" /><path d="m9 5 8 7-8 7z" /></>,
  nextEvent: <path d="m4 6 8 6-8 6zM12 6l8 6-8 6z" />,
  end: <><path d="m5 5 10 7-10 7z" /><rect x="16.5" y="5" width="2.5" height="14" /></>,
} as const;

/** The name of an icon. */
export type IconName = keyof typeof SHAPES;

/** A 1em icon in the current text colour, hidden from assistive technology (buttons carry labels). */
export function Icon({ name }: { name: IconName }) {
  return <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">{SHAPES[name]}</svg>;
}
