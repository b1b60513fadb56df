// The app's name in the header, linking home.

/** The "mmscope" wordmark, a link to the gallery. */
export function Brand() {
  return (
    <a className="brand" href="#/" aria-label="mmscope home">
      <span aria-hidden="true" className="brand-mark">▦</span> mmscope
    </a>
  );
}
