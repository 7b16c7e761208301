import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hashRouteForPath } from './lib/emailLinks';
import './styles.css';

const emailed = hashRouteForPath(window.location);
if (emailed) window.history.replaceState(null, '', emailed);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
