// Builds the web app (src/web) into dist/web; the server serves it. `npm run dev` proxies /api
// to a running server on port 3000.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The Utrecht React library is one bundled file that sets `Component.displayName = '…'` on every
 * component; the bundler must keep such assignments (a property write may have effects), and with
 * them every component. Dropping them (React only uses the name in development messages) lets the
 * bundle keep just the components the app imports.
 */
function treeShakeUtrechtReact(): Plugin {
  return {
    name: 'passend:tree-shake-utrecht-react',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('@utrecht/component-library-react/dist/')) return null;
      return { code: code.replace(/^\w+\.displayName = '\w+';$/gm, ''), map: null };
    },
  };
}

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react(), treeShakeUtrechtReact()],
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
