import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Development: `npm run dev` serves the app on :5173 and proxies /v1 (and /health, /docs) to the API.
 * Production: `npm run build` writes dist/, which the API process serves under / when SERVE_WEB=true.
 */
const apiTarget = process.env.HIRELOOP_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/v1': { target: apiTarget, changeOrigin: false },
      '/health': { target: apiTarget },
      '/docs': { target: apiTarget },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
