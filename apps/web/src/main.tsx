import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createQueryClient } from './api/queries';
import { hashRouteOf } from './lib/links';
import './styles.css';

// A link from an email names a path; the app routes by hash.
const route = hashRouteOf(window.location);
if (route) window.history.replaceState(null, '', `/${route}`);

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
