import './components.css';
import '@utrecht/design-tokens/dist/index.css';
import './theme.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App, firstPageReady } from './app/App.tsx';

// The first render replaces the page's shell (index.html). As a transition, React renders it in
// slices and lets the browser in between, instead of in one long task (docs/decisions/0019).
void firstPageReady.then(() =>
  startTransition(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);
