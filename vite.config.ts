// Builds the web app (src/web) into dist/web; the server serves it. `npm run dev` proxies /api
// to a running server on port 3000.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * The design tokens file defines ~2,600 custom properties for every NL Design System component;
 * the browser parses and applies all of them on every page. Keep only those the app's CSS and
 * code (src/web), and the component CSS it imports (src/web/components.css), refer to with
 * `var(--…)`, with the tokens those refer to in turn (docs/decisions/0011).
 */
function keepUsedDesignTokens(): Plugin {
  const references = (text: string) => [...text.matchAll(/var\(\s*(--[\w-]+)/g)].map((match) => match[1]!);
  function usedNames(): Set<string> {
    const web = readdirSync('src/web', { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(css|tsx?)$/.test(file))
      .map((file) => path.join('src/web', file));
    const components = [
      ...readFileSync('src/web/components.css', 'utf8').matchAll(/@import ['"]([^'"]+)['"]/g),
    ].map((match) => path.join('node_modules', match[1]!));
    return new Set([...web, ...components].flatMap((file) => references(readFileSync(file, 'utf8'))));
  }
  const declaration = /^\s*(--[\w-]+)\s*:(.*)$/;
  return {
    name: 'passend:keep-used-design-tokens',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('@utrecht/design-tokens/dist/index.css')) return null;
      const lines = code.split('\n');
      const used = usedNames();
      // Tokens refer to tokens: follow the references until nothing new turns up.
      for (let size = 0; size !== used.size; ) {
        size = used.size;
        for (const line of lines) {
          const match = declaration.exec(line);
          if (match && used.has(match[1]!)) for (const name of references(match[2]!)) used.add(name);
        }
      }
      const kept = lines.filter((line) => {
        const match = declaration.exec(line);
        return !match || used.has(match[1]!);
      });
      return { code: kept.join('\n'), map: null };
    },
  };
}

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react(), treeShakeUtrechtReact(), keepUsedDesignTokens()],
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
