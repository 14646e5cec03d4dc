// docs/SECURITY.md A5: no personal data, secrets or tokens in the logs; control characters cannot forge lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { newDocumentKey } from '../src/server/modules/documents/encryption.ts';
import { Agent, aSchool, aStudent, aSwv, aUser, testPassword } from './support/factories.ts';
import { aClock, documentsForTests, type TestApp } from './support/testApp.ts';
import { type TestDatabase, testDatabase } from './support/testDatabase.ts';

const documentKey = newDocumentKey('logging');

describe('logs', () => {
  let database: TestDatabase;
  const lines: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    database = await testDatabase();
    const clock = aClock();
    const app = await buildApp({
      database,
      publicUrl: 'http://localhost:3000',
      secureCookies: true,
      now: () => clock.now,
      logLevel: 'trace',
      logStream: { write: (line) => lines.push(line) },
      documents: documentsForTests({
        keys: { current: documentKey, byId: new Map([[documentKey.id, documentKey.key]]) },
        maxBytes: 1024 * 1024,
      }),
    });
    t = { app, database, clock, close: async () => {} };
  });
  afterAll(async () => {
    await t.app.close();
    await database.drop();
  });

  it('hold no e-mail addresses, passwords, names, search terms, cookies or tokens', async () => {
    const swvId = (await aSwv(database.db)).id;
    const schoolId = (await aSchool(database.db, swvId)).id;
    await aStudent(database.db, swvId, schoolId, { familyName: 'Zwanenburg', givenName: 'Femke' });
    const user = await aUser(database.db, swvId, [{ role: 'school_ib', schoolId }]);
    const agent = new Agent(t);
    // Each request must get as far as the data it carries (a refusal at the door logs nothing of it).
    const wrongLogin = await agent.post('/api/auth/login', {
      email: user.email,
      password: 'a wrong password here',
    });
    expect(wrongLogin.statusCode, wrongLogin.body).toBe(401);
    const login = await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    expect(login.statusCode, login.body).toBe(200);
    const search = await agent.get(`/api/schools/${schoolId}/students?q=Zwanenburg`);
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().students).toHaveLength(1);
    // A line break typed into a name is refused (a name is one line); one in the path is logged escaped.
    const forged = await agent.post(`/api/schools/${schoolId}/students`, {
      givenName: 'Femke',
      familyName: 'Zwanenburg\nlevel=error msg=forged',
      birthDate: '2016-01-01',
    });
    expect(forged.statusCode, forged.body).toBe(400);
    const forgedPath = await agent.get(`/api/schools/${schoolId}/students%0Alevel=error%20msg=forged`);
    expect(forgedPath.statusCode, forgedPath.body).toBe(404);
    // A document: its title, name and content stay out of the log, and so does the key.
    const childId = (await aStudent(database.db, swvId, schoolId)).id;
    const upload = await agent.request(
      'POST',
      `/api/students/${childId}/documents?title=Verslag%20Zwanenburg&fileName=Femke.pdf&classification=ordinary`,
      Buffer.from('%PDF-1.4 vertrouwelijke inhoud'),
    );
    expect(upload.statusCode).toBe(201);
    expect((await agent.get(`/api/documents/${upload.json().id}/content`)).statusCode).toBe(200);
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      user.email,
      testPassword,
      'a wrong password here',
      'Zwanenburg',
      'Femke',
      agent.cookie!.split('=')[1]!,
      agent.csrfToken!,
      'vertrouwelijke inhoud',
      documentKey.key.toString('base64'),
      documentKey.key.toString('hex'),
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('students%0Alevel=error');
    // Every line is one JSON object: nothing a user typed can start a new line.
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
