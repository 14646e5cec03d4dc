// Builds the web app (src/web) into dist/web; the server serves it. `npm run dev` proxies /api
// to a running server on port 3000.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // CSS goes into files (never injected at run time), so the CSP can keep style-src 'self'.
    cssCodeSplit: true,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
