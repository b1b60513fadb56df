// Light and dark themes: the OS preference (prefers-color-scheme) until the person picks one, which
// is then remembered. The resolved theme is written to <html data-theme> for theme.css.
import { create } from 'zustand';

/** A resolved theme. */
export type Theme = 'light' | 'dark';

const KEY = 'mmscope.theme';
const media = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage can be disabled; the OS preference still applies
  }
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

interface ThemeState {
  theme: Theme;
  /** True once the person picked a theme (the OS preference no longer applies). */
  chosen: boolean;
  toggle: () => void;
}

/** The theme store. */
export const useThemeStore = create<ThemeState>()((set, get) => ({
  theme: stored() ?? (media()?.matches ? 'dark' : 'light'),
  chosen: stored() !== null,
  toggle: () => {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    try { localStorage.setItem(KEY, theme); } catch { /* not remembered, still applied */ }
    apply(theme);
    set({ theme, chosen: true });
  },
}));

/** Applies the initial theme before the first render and follows the OS until the person chooses. */
export function initTheme(): void {
  apply(useThemeStore.getState().theme);
  media()?.addEventListener('change', (e) => {
    if (useThemeStore.getState().chosen) return;
    const theme: Theme = e.matches ? 'dark' : 'light';
    apply(theme);
    useThemeStore.setState({ theme });
  });
}
