// The edit state of an integer parameter's field, shared by the player's panel and compare mode: the
// typed text, its problem, and committing it (Enter or leaving the field) when it is valid and new.
import { type KeyboardEvent, useState } from 'react';
import { type IntParam, intProblem } from './params-link';

/** Draft text, its problem, and the handlers that commit it through `commit`. */
export function useIntDraft(p: IntParam, commit: (name: string, value: string) => void) {
  const [draft, setDraft] = useState(String(p.value));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (): void => {
    const why = intProblem(p, draft);
    setProblem(why);
    if (why === null && Number(draft) !== p.value) commit(p.name, String(Number(draft)));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') apply();
  };
  return { draft, setDraft, problem, apply, onKey };
}
