// Renders nobody will see (the player's warm-up, app/player/warm-up.ts): a view that remembers what it
// showed before (for "what changed") must not take such a frame for one it showed.
let unseen = false;

/** True while an unseen render runs. */
export const isUnseenRender = (): boolean => unseen;

/** Runs `render` (a synchronous React render) as an unseen one. */
export function unseenRender(render: () => void): void {
  unseen = true;
  try {
    render();
  } finally {
    unseen = false;
  }
}
