import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hashRouteOf } from './lib/links';
import './styles.css';

// A link from an email names a path; the app routes by hash.
const route = hashRouteOf(window.location);
if (route) window.history.replaceState(null, '', `/${route}`);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
