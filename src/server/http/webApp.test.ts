import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../scripts/build-web.ts';
import { type TestApp, testApp } from '../../../test/support/testApp.ts';
import { buildApp } from '../app.ts';

describe('serving the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('answers every page path with the app, so deep links survive a reload', async () => {
    for (const url of ['/', '/login?next=%2Fstudents', '/students/0192/plan']) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.body).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year and refuses paths outside the build', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-test.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    const missing = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missing.statusCode).toBe(404);
    // A path that climbs out of the build folder gets the page or a refusal, never the file.
    for (const url of [
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(500);
      expect(response.body, url).not.toContain('"passend"');
    }
  });

  it('never answers an API path with the page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
  });

  it('says plainly when the web app has not been built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'passend-web-'));
    const app = await buildApp({
      database: t.database,
      publicUrl: 'http://localhost:3000',
      secureCookies: true,
      webRoot: empty,
    });
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.message).toContain('npm run build');
    await app.close();
  });

  describe('compressed copies', () => {
    const script = `export const words = ${JSON.stringify('passend onderwijs '.repeat(400))};\n`;
    const page = `<!doctype html><html lang="nl"><body><div id="root"></div>${'<p>x</p>'.repeat(200)}</body></html>`;
    let app: Awaited<ReturnType<typeof buildApp>>;
    beforeAll(async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'passend-web-'));
      mkdirSync(path.join(root, 'assets'));
      writeFileSync(path.join(root, 'index.html'), page);
      writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), script);
      precompress(root);
      // Written after precompress: a file the build did not compress (as in the browser tests).
      writeFileSync(path.join(root, 'assets', 'plain-3c4d.js'), script);
      app = await buildApp({
        database: t.database,
        publicUrl: 'http://localhost:3000',
        secureCookies: true,
        webRoot: root,
      });
    });
    afterAll(() => app.close());

    const get = (url: string, acceptEncoding?: string, method: 'GET' | 'HEAD' = 'GET') =>
      app.inject({ method, url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

    it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip', async () => {
      const brotli = await get('/assets/app-1a2b.js', 'gzip, deflate, br, zstd');
      expect(brotli.statusCode).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['content-type']).toContain('javascript');
      expect(brotli.headers.vary).toContain('accept-encoding');
      expect(brotli.headers['cache-control']).toContain('immutable');
      expect(Number(brotli.headers['content-length'])).toBe(brotli.rawPayload.length);
      expect(brotli.rawPayload.length).toBeLessThan(script.length / 10);
      expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);

      const gzip = await get('/assets/app-1a2b.js', 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers['content-type']).toContain('javascript');
      expect(Number(gzip.headers['content-length'])).toBe(gzip.rawPayload.length);
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);
    });

    it('sends the plain file without Accept-Encoding, or when no compressed copy exists', async () => {
      const identity = await get('/assets/app-1a2b.js');
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.headers.vary).toContain('accept-encoding');
      expect(identity.body).toBe(script);
      expect(Number(identity.headers['content-length'])).toBe(Buffer.byteLength(script));

      const uncompressed = await get('/assets/plain-3c4d.js', 'br, gzip');
      expect(uncompressed.statusCode).toBe(200);
      expect(uncompressed.headers['content-encoding']).toBeUndefined();
      expect(uncompressed.body).toBe(script);
    });

    it('compresses the page too, and keeps it uncached', async () => {
      const response = await get('/students/0192/plan', 'br');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(brotliDecompressSync(response.rawPayload).toString()).toBe(page);
    });

    it('answers HEAD with the headers of the same copy and no body', async () => {
      const head = await get('/assets/app-1a2b.js', 'br', 'HEAD');
      const full = await get('/assets/app-1a2b.js', 'br');
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-encoding']).toBe('br');
      expect(head.headers['content-length']).toBe(full.headers['content-length']);
      expect(head.rawPayload.length).toBe(0);
    });
  });
});
