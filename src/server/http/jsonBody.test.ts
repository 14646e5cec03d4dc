// docs/SECURITY.md F6 (finding 32): a body of tens of thousands of keys held the server's thread
// for a second and more; it is refused before it is parsed, and no answer repeats what was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv, aUser, signIn } from '../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../test/support/testApp.ts';
import { jsonValuesOver, maxJsonValues } from './jsonBody.ts';

describe('counting the values of a JSON body', () => {
  it('counts members and elements outside strings only', () => {
    // One plus a comma per member or element after its container's first: 4 here.
    expect(jsonValuesOver('{"a":1,"b":[1,2,3]}', 4)).toBe(false);
    expect(jsonValuesOver('{"a":1,"b":[1,2,3]}', 3)).toBe(true);
    expect(jsonValuesOver('{"a":"x:y,z,\\":,","b":2}', 2)).toBe(false);
    expect(jsonValuesOver('{"a":"x:y,z,\\":,","b":2}', 1)).toBe(true);
    expect(jsonValuesOver('"just a string, with: punctuation"', 1)).toBe(false);
    expect(jsonValuesOver(`[${'1,'.repeat(10)}1]`, 10)).toBe(true);
    expect(jsonValuesOver(`[${'1,'.repeat(9)}1]`, 10)).toBe(false);
  });
});

describe('a JSON body with too many values', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('is refused with 413 before it is parsed, and a wrong one is answered briefly', async () => {
    const swv = await aSwv(t.database.db);
    const parent = await signIn(t, await aUser(t.database.db, swv.id, [{ role: 'parent' }]));
    const keys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, 1]));

    const flood = await parent.request('PUT', '/api/auth/language', keys(90_000));
    expect(flood.statusCode).toBe(413);
    expect(flood.json().error.code).toBe('payload_too_large');
    expect(flood.body.length).toBeLessThan(300);

    // Under the limit but every key unknown: 400, without echoing thousands of keys.
    const many = await parent.request('PUT', '/api/auth/language', {
      language: 'en',
      ...keys(maxJsonValues - 10),
    });
    expect(many.statusCode).toBe(400);
    expect(many.body.length).toBeLessThan(8_000);
    for (const issue of many.json().error.details.issues)
      expect(issue.message.length).toBeLessThanOrEqual(300);

    expect((await parent.request('PUT', '/api/auth/language', { language: 'en' })).statusCode).toBe(204);
  });
});
