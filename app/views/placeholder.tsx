// Stand-in until the real views land.
export function Placeholder() {
  return <section aria-label="view" />;
}
