// The gallery page (#/): every built-in scenario as a card, then the custom-scenario form.
import { Brand } from '../shell/Brand';
import { ThemeToggle } from '../shell/ThemeToggle';
import { CustomScenario } from './CustomScenario';
import { GALLERY } from './meta';
import { ScenarioCard } from './ScenarioCard';

/** The home page. */
export function Gallery() {
  return (
    <div className="page gallery-page">
      <header className="topbar">
        <Brand />
        <span className="topbar-spacer" />
        <ThemeToggle />
      </header>
      <main className="gallery">
        <div className="gallery-intro">
          <h1>Linux memory management, step by step</h1>
          <p className="muted">
            Each scenario runs a small, faithful model of the kernel: page faults, page tables, TLBs and the IPIs
            between CPUs. Step through it, scrub, and share the link: it opens at the same step.
          </p>
        </div>
        <ul className="cards" aria-label="Scenarios">
          {GALLERY.map((e) => <li key={e.id}><ScenarioCard entry={e} /></li>)}
        </ul>
        <CustomScenario />
      </main>
    </div>
  );
}
