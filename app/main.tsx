// Entry point: theme first (no flash of the wrong theme), then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './shell/App';
import { initTheme } from './shell/theme';
import { prestartSimWorker } from './worker/client';
import './styles/theme.css';
import './styles/shell.css';
import './styles/gallery.css';
import './styles/player.css';

initTheme();
if (/^#\/[sc]\//.test(location.hash)) prestartSimWorker();
const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
