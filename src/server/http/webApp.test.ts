import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
