import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aDoc, aDocx, anOle2File, aPdf, aZip, sampleFiles } from '../../../../test/support/documentFiles.ts';
import {
  type Agent,
  aCaseMember,
  aConsent,
  aGuardian,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import type { DocumentSettings } from './documents.service.ts';
import { newDocumentKey } from './encryption.ts';

const ringOf = (...keys: ReturnType<typeof newDocumentKey>[]) => ({
  current: keys[0]!,
  byId: new Map(keys.map((key) => [key.id, key.key])),
});
const firstKey = newDocumentKey('first');
const settings: DocumentSettings = { keys: ringOf(firstKey), maxBytes: 10 * 1024 * 1024 };

type Upload = { title?: string; fileName?: string; classification?: string; sharedWithParents?: string };

function uploadUrl(studentId: string, upload: Upload = {}): string {
  const query = new URLSearchParams({
    title: upload.title ?? 'Onderzoeksverslag',
    fileName: upload.fileName ?? 'verslag.pdf',
    classification: upload.classification ?? 'ordinary',
    ...(upload.sharedWithParents ? { sharedWithParents: upload.sharedWithParents } : {}),
  });
  return `/api/students/${studentId}/documents?${query}`;
}

async function world(t: TestApp) {
  const db = t.database.db;
  const swv = await aSwv(db);
  const foreignSwv = await aSwv(db);
  const school = await aSchool(db, swv.id);
  const foreignSchool = await aSchool(db, foreignSwv.id);
  const partnerWith = await aPartnerOrganisation(db, swv.id, [school.id]);
  const partnerWithout = await aPartnerOrganisation(db, swv.id, [school.id]);
  const users = {
    ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
    consultant: await aUser(db, swv.id, [{ role: 'consultant' }]),
    director: await aUser(db, swv.id, [{ role: 'school_director', schoolId: school.id }]),
    teacher: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['5A'] }]),
    teacherOtherGroup: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['7B'] }]),
    partnerWith: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partnerWith }]),
    partnerWithout: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partnerWithout }]),
    parent: await aUser(db, swv.id, [{ role: 'parent' }]),
    otherParent: await aUser(db, swv.id, [{ role: 'parent' }]),
    foreignIb: await aUser(db, foreignSwv.id, [{ role: 'school_ib', schoolId: foreignSchool.id }]),
  };
  await aTeam(db, swv.id, [school.id], [users.consultant.id]);
  const child = await aStudent(db, swv.id, school.id, { groupName: '5A' });
  await aGuardian(db, swv.id, child.id, users.parent.id);
  await aCaseMember(db, swv.id, child.id, users.partnerWith.id);
  await aCaseMember(db, swv.id, child.id, users.partnerWithout.id);
  await aConsent(db, {
    swvId: swv.id,
    studentId: child.id,
    givenByUserId: users.parent.id,
    partnerOrganisationId: partnerWith,
  });
  const agents = {} as Record<keyof typeof users, Agent>;
  for (const [name, user] of Object.entries(users)) {
    agents[name as keyof typeof users] = await signIn(t, user);
  }
  return { swv, school, child, users, agents };
}

async function logRows(t: TestApp, response: { headers: Record<string, unknown> }) {
  return queryRows<{ action: string; outcome: string; object_type: string; object_id: string; part: string }>(
    t.database.db,
    sql`select action, outcome, object_type, object_id, part from access_log
        where request_id = ${String(response.headers['x-request-id'])}`,
  );
}

async function documentCount(t: TestApp): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from document`);
  return row!.n;
}

describe('documents', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof world>>;

  beforeAll(async () => {
    t = await testApp({ documents: settings });
    w = await world(t);
  });
  afterAll(() => t.close());

  describe('upload', () => {
    it.each([
      ['a PDF', sampleFiles.pdf, 'verslag.PDF', 'application/pdf', 'verslag.pdf'],
      ['a PNG named .pdf', sampleFiles.png, 'foto.pdf', 'image/png', 'foto.png'],
      ['a JPEG', sampleFiles.jpeg, 'scan.jpeg', 'image/jpeg', 'scan.jpeg'],
      ['a GIF', sampleFiles.gif, 'tekening.gif', 'image/gif', 'tekening.gif'],
      ['a WebP', sampleFiles.webp, 'foto', 'image/webp', 'foto.webp'],
      [
        'a DOCX',
        sampleFiles.docx,
        'Handelingsplan.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Handelingsplan.docx',
      ],
      ['a legacy DOC', sampleFiles.doc, 'oud verslag.doc', 'application/msword', 'oud verslag.doc'],
      [
        'a DOC with 4096-byte sectors',
        aDoc({ sectorShift: 12 }),
        'groot.doc',
        'application/msword',
        'groot.doc',
      ],
      [
        'a PDF with a path before its name',
        sampleFiles.pdf,
        'C:\\fakepath\\brief.pdf',
        'application/pdf',
        'brief.pdf',
      ],
      ['a PDF named like a program', sampleFiles.pdf, 'verslag.exe', 'application/pdf', 'verslag.pdf'],
    ])(
      'accepts %s by its content and names it by that type',
      async (_, file, fileName, mediaType, stored) => {
        const response = await w.agents.ib.request('POST', uploadUrl(w.child.id, { fileName }), file);
        expect(response.statusCode, response.body).toBe(201);
        expect(response.json()).toMatchObject({
          title: 'Onderzoeksverslag',
          fileName: stored,
          mediaType,
          sizeBytes: file.length,
          classification: 'ordinary',
          sharedWithParents: false,
          uploadedByName: expect.stringContaining('school_ib'),
          uploadedAt: t.clock.now.toISOString(),
        });
        expect(await logRows(t, response)).toEqual([
          {
            action: 'create',
            outcome: 'allowed',
            object_type: 'document',
            object_id: response.json().id,
            part: 'ordinary',
          },
        ]);
      },
    );

    const zeros = Buffer.alloc(5 * 1024 * 1024);
    it.each([
      ['an empty file', Buffer.alloc(0), 400, 'empty'],
      [
        'a Windows program named .pdf',
        Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
        415,
        'executable',
      ],
      ['a Linux program named .pdf', Buffer.from('\x7fELF\x02\x01\x01\0rest', 'latin1'), 415, 'executable'],
      ['a shell script named .pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'), 415, 'executable'],
      ['an HTML page named .pdf', Buffer.from('<html><script>alert(1)</script></html>'), 415, 'unknown_type'],
      ['a PDF signature further in', Buffer.from(' %PDF-1.4 not at the start'), 415, 'unknown_type'],
      [
        'a ZIP that is not a Word document',
        aZip([{ name: 'a.txt', data: Buffer.from('a') }]),
        415,
        'unknown_type',
      ],
      [
        'a Word document with macros',
        aDocx('x', [{ name: 'word/vbaProject.bin', data: Buffer.from('vba') }]),
        415,
        'macros',
      ],
      ['an OLE2 file that is not Word', anOle2File('Workbook'), 415, 'unknown_type'],
      ['a legacy DOC with macros', aDoc({ macros: 'Macros' }), 415, 'macros'],
      [
        'a legacy DOC with a VBA project',
        aDoc({ macros: '_VBA_PROJECT_CUR', sectorShift: 12 }),
        415,
        'macros',
      ],
      ['an OLE2 file whose directory chain loops', aDoc({ damage: 'directory_cycle' }), 415, 'damaged'],
      [
        'an OLE2 file whose FAT points past its end',
        aDoc({ damage: 'directory_out_of_range' }),
        415,
        'damaged',
      ],
      [
        'a ZIP bomb (a thousandfold)',
        aDocx('x', [{ name: 'word/media/zeros.bin', data: zeros }]),
        415,
        'archive_bomb',
      ],
      [
        'a ZIP that lies about its unpacked size',
        aDocx('x', [{ name: 'word/big.xml', data: Buffer.from('small'), declaredSize: 300 * 1024 * 1024 }]),
        415,
        'archive_bomb',
      ],
      [
        'a ZIP whose entries overlap',
        aZip(
          [
            { name: '[Content_Types].xml', data: Buffer.alloc(64 * 1024, 0x41) },
            { name: 'word/document.xml', data: Buffer.alloc(0) },
            { name: 'word/copy.xml', data: Buffer.alloc(0) },
          ],
          { overlap: true },
        ),
        415,
        'archive_bomb',
      ],
      [
        'a ZIP with too many entries',
        aDocx(
          'x',
          Array.from({ length: 1000 }, (_, index) => ({
            name: `word/p${index}.xml`,
            data: Buffer.from('p'),
          })),
        ),
        415,
        'archive_bomb',
      ],
      ['a truncated ZIP', aDocx().subarray(0, 120), 415, 'damaged'],
      ['a ZIP whose end record miscounts', aDocx('x', [], { declaredEntries: 3 }), 415, 'damaged'],
      ['a bare ZIP signature', Buffer.from('PK\x03\x04'), 415, 'damaged'],
      ['a truncated OLE2 file', anOle2File().subarray(0, 700), 415, 'damaged'],
    ])('refuses %s: %i, nothing stored, nothing logged', async (_, file, status, reason) => {
      const before = await documentCount(t);
      const response = await w.agents.ib.request('POST', uploadUrl(w.child.id), file);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error).toMatchObject({ details: { reason } });
      expect(await documentCount(t)).toBe(before);
      expect(await logRows(t, response)).toEqual([]);
    });

    it('takes the raw file only: JSON, a form or no body are refused', async () => {
      const url = uploadUrl(w.child.id);
      const headers = { cookie: w.agents.ib.cookie!, 'x-csrf-token': w.agents.ib.csrfToken! };
      for (const [contentType, payload, status] of [
        ['application/json', '{"content": "JVBERi0="}', 415],
        ['text/plain', '%PDF-1.4', 415],
        ['multipart/form-data; boundary=x', '--x--', 415],
        [undefined, undefined, 400],
      ] as const) {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: contentType ? { ...headers, 'content-type': contentType } : headers,
          ...(payload === undefined ? {} : { payload }),
        });
        expect(response.statusCode, `${contentType}: ${response.body}`).toBe(status);
      }
    });

    it('validates the metadata: unknown fields, a missing title, sharing a medical report', async () => {
      for (const url of [
        `${uploadUrl(w.child.id)}&swvId=${w.swv.id}`,
        uploadUrl(w.child.id, { title: '' }),
        uploadUrl(w.child.id, { classification: 'secret' }),
        uploadUrl(w.child.id, { classification: 'medical_psychological', sharedWithParents: 'true' }),
        uploadUrl(w.child.id, { sharedWithParents: 'yes' }),
        uploadUrl(w.child.id, { fileName: 'a\u0000b.pdf' }),
      ]) {
        const response = await w.agents.ib.request('POST', url, sampleFiles.pdf);
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.code).toBe('validation_failed');
      }
    });

    it('allows a medical-psychological report only to the roles the policy allows', async () => {
      const medical = { classification: 'medical_psychological' };
      const cases = [
        [w.agents.ib, medical, 201],
        [w.agents.consultant, medical, 201],
        [w.agents.partnerWith, medical, 403],
        [w.agents.partnerWith, {}, 201],
        [w.agents.partnerWithout, {}, 403],
        [w.agents.director, {}, 403],
        [w.agents.teacher, {}, 403],
        [w.agents.parent, {}, 403],
        [w.agents.foreignIb, {}, 404],
      ] as const;
      for (const [agent, upload, status] of cases) {
        const before = await documentCount(t);
        const response = await agent.request('POST', uploadUrl(w.child.id, upload), sampleFiles.pdf);
        expect(response.statusCode, response.body).toBe(status);
        expect(await documentCount(t)).toBe(status === 201 ? before + 1 : before);
        // Exactly one row, in the child's SWV; the foreign IB's attempt lands there too.
        expect((await logRows(t, response)).map((row) => row.outcome)).toEqual([
          status === 201 ? 'allowed' : 'denied',
        ]);
      }
    });
  });

  describe('list and download', () => {
    let child: Awaited<ReturnType<typeof aStudent>>;
    const ids = { unshared: '', shared: '', medical: '' };

    beforeAll(async () => {
      // A child of its own, so the uploads above do not count here.
      child = await aStudent(t.database.db, w.swv.id, w.school.id, { groupName: '5A' });
      await aGuardian(t.database.db, w.swv.id, child.id, w.users.parent.id);
      for (const [key, upload] of [
        ['unshared', { title: 'Leerlingbespreking', fileName: 'bespreking.pdf' }],
        ['shared', { title: 'Rapport', fileName: 'Rapport "groep 5" – ü.pdf', sharedWithParents: 'true' }],
        ['medical', { title: 'Psychologisch onderzoek', classification: 'medical_psychological' }],
      ] as const) {
        t.clock.advance(1000);
        const response = await w.agents.ib.request('POST', uploadUrl(child.id, upload), aPdf(key));
        expect(response.statusCode, response.body).toBe(201);
        ids[key] = response.json().id;
      }
    });

    it.each([
      ['ib', ['medical', 'shared', 'unshared'], ['ordinary', 'medical_psychological']],
      ['consultant', ['medical', 'shared', 'unshared'], ['ordinary', 'medical_psychological']],
      ['director', ['shared', 'unshared'], []],
      ['teacher', ['shared', 'unshared'], []],
      ['parent', ['shared'], []],
    ] as const)(
      'lists to the %s only what they may read, newest first, with one log row',
      async (name, seen, upload) => {
        const response = await w.agents[name].get(`/api/students/${child.id}/documents`);
        expect(response.statusCode, response.body).toBe(200);
        const list = response.json();
        expect(list.documents.map((d: { id: string }) => d.id)).toEqual(seen.map((key) => ids[key]));
        expect(list.uploadClassifications).toEqual(upload);
        expect(list.maxUploadBytes).toBe(settings.maxBytes);
        expect(list.documents[0]).not.toHaveProperty('content');
        expect(await logRows(t, response)).toEqual([
          {
            action: 'read',
            outcome: 'allowed',
            object_type: 'document_list',
            object_id: child.id,
            part: null,
          },
        ]);
      },
    );

    it('lists the partner’s documents only with the parents’ consent', async () => {
      // One of each kind on the partner's case, so the list cannot pass by being empty.
      const uploaded: Record<string, string> = {};
      for (const classification of ['ordinary', 'medical_psychological'] as const) {
        const upload = await w.agents.ib.request(
          'POST',
          uploadUrl(w.child.id, { classification }),
          aPdf(classification),
        );
        expect(upload.statusCode, upload.body).toBe(201);
        uploaded[classification] = upload.json().id;
      }
      const withConsent = await w.agents.partnerWith.get(`/api/students/${w.child.id}/documents`);
      expect(withConsent.statusCode).toBe(200);
      const listed = withConsent.json().documents as { id: string; classification: string }[];
      expect(listed.map((d) => d.id)).toContain(uploaded.ordinary);
      expect(listed.map((d) => d.id)).not.toContain(uploaded.medical_psychological);
      expect(listed.every((d) => d.classification === 'ordinary')).toBe(true);
      expect(withConsent.json().uploadClassifications).toEqual(['ordinary']);
      const without = await w.agents.partnerWithout.get(`/api/students/${w.child.id}/documents`);
      expect(without.statusCode).toBe(403);
      expect((await logRows(t, without)).map((row) => row.outcome)).toEqual(['denied']);
    });

    it('refuses the list to a teacher of another group, another parent and another SWV', async () => {
      for (const [agent, status] of [
        [w.agents.teacherOtherGroup, 403],
        [w.agents.otherParent, 403],
        [w.agents.foreignIb, 404],
      ] as const) {
        const response = await agent.get(`/api/students/${child.id}/documents`);
        expect(response.statusCode).toBe(status);
        expect((await logRows(t, response)).map((row) => row.outcome)).toEqual(['denied']);
      }
    });

    it('downloads the decrypted file as an attachment that is never sniffed or cached, logged as an export', async () => {
      const response = await w.agents.parent.get(`/api/documents/${ids.shared}/content`);
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(aPdf('shared'))).toBe(true);
      expect(response.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="Rapport _groep 5_ _ _.pdf"; filename*=UTF-8''Rapport%20_groep%205_%20%E2%80%93%20%C3%BC.pdf`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; sandbox",
      });
      expect(await logRows(t, response)).toEqual([
        {
          action: 'export',
          outcome: 'allowed',
          object_type: 'document',
          object_id: ids.shared,
          part: 'ordinary',
        },
      ]);
    });

    it('refuses a download the user may not read, and logs the attempt', async () => {
      for (const [agent, id, status] of [
        [w.agents.parent, ids.unshared, 403],
        [w.agents.parent, ids.medical, 403],
        [w.agents.director, ids.medical, 403],
        [w.agents.teacher, ids.medical, 403],
        [w.agents.otherParent, ids.shared, 403],
        [w.agents.foreignIb, ids.shared, 404],
      ] as const) {
        const response = await agent.get(`/api/documents/${id}/content`);
        expect(response.statusCode, response.body).toBe(status);
        expect(response.json().error.code).toBe(status === 404 ? 'not_found' : 'forbidden');
        expect(await logRows(t, response)).toEqual([
          expect.objectContaining({ action: 'export', outcome: 'denied', object_id: id }),
        ]);
      }
      const unknown = await w.agents.ib.get('/api/documents/00000000-0000-7000-8000-000000000000/content');
      expect(unknown.statusCode).toBe(404);
    });

    it('stores ciphertext only: not the plaintext, a 12-byte IV, a 16-byte tag, the key id and the plaintext hash', async () => {
      const [row] = await queryRows<{
        content: Buffer;
        iv: Buffer;
        auth_tag: Buffer;
        key_id: string;
        sha256: string;
      }>(
        t.database.db,
        sql`select (select string_agg(bytes, '' order by seq) from document_chunk where document_id = d.id)
              as content, iv, auth_tag, key_id, sha256
            from document d where id = ${ids.medical}`,
      );
      const plaintext = aPdf('medical');
      const content = Buffer.from(row!.content);
      expect(content.length).toBe(plaintext.length);
      expect(content.equals(plaintext)).toBe(false);
      expect(content.includes(Buffer.from('%PDF'))).toBe(false);
      expect(content.includes(Buffer.from('medical'))).toBe(false);
      expect(Buffer.from(row!.iv)).toHaveLength(12);
      expect(Buffer.from(row!.auth_tag)).toHaveLength(16);
      expect(row!.key_id).toBe('first');
      expect(row!.sha256).toBe(createHash('sha256').update(plaintext).digest('hex'));
      // Every document has its own IV.
      const [ivs] = await queryRows<{ n: number; distinct: number }>(
        t.database.db,
        sql`select count(*)::int as n, count(distinct iv)::int as distinct from document`,
      );
      expect(ivs!.distinct).toBe(ivs!.n);
    });

    it('refuses to serve a tampered or swapped ciphertext (500, logged) and a document whose key is gone (503)', async () => {
      const extra = async (marker: string) => {
        const response = await w.agents.ib.request('POST', uploadUrl(child.id), aPdf(marker));
        return response.json().id as string;
      };
      const [flipped, swapped] = [await extra('flipped'), await extra('swapped')];
      await t.database.db.execute(
        sql`update document_chunk set bytes = set_byte(bytes, 3, get_byte(bytes, 3) # 1)
            where document_id = ${flipped} and seq = 0`,
      );
      // Another document's ciphertext, IV, tag and hash: only the associated data tells them apart.
      await t.database.db.execute(sql`
        update document set (iv, auth_tag, sha256, size_bytes) =
          (select iv, auth_tag, sha256, size_bytes from document where id = ${ids.unshared})
        where id = ${swapped}`);
      await t.database.db.execute(sql`delete from document_chunk where document_id = ${swapped}`);
      await t.database.db.execute(sql`
        insert into document_chunk (swv_id, document_id, content_version, seq, bytes)
          select swv_id, ${swapped}, content_version, seq, bytes from document_chunk
          where document_id = ${ids.unshared}`);
      for (const id of [flipped, swapped]) {
        const response = await w.agents.ib.get(`/api/documents/${id}/content`);
        expect(response.statusCode).toBe(500);
        expect(response.json().error).toEqual({
          code: 'internal',
          message: 'This document is damaged and cannot be opened',
        });
        expect(response.body).not.toContain('%PDF');
        expect(await logRows(t, response)).toEqual([
          expect.objectContaining({ action: 'export', outcome: 'allowed' }),
        ]);
      }

      const otherKeys = await buildApp({
        database: t.database,
        publicUrl: 'http://localhost:3000',
        secureCookies: true,
        now: () => t.clock.now,
        documents: { keys: ringOf(newDocumentKey('second')), maxBytes: settings.maxBytes },
      });
      try {
        const response = await otherKeys.inject({
          method: 'GET',
          url: `/api/documents/${ids.shared}/content`,
          headers: { cookie: w.agents.ib.cookie! },
        });
        expect(response.statusCode).toBe(503);
        expect(response.json().error.code).toBe('unavailable');
      } finally {
        await otherKeys.close();
      }
    });
  });

  describe('chunks', () => {
    let child: Awaited<ReturnType<typeof aStudent>>;
    beforeAll(async () => {
      child = await aStudent(t.database.db, w.swv.id, w.school.id, { groupName: '5A' });
    });
    const large = Buffer.concat([aPdf('large'), randomBytes(200 * 1024)]);

    it('stores a document in chunks of 64 KB, in order, and serves it whole', async () => {
      const upload = await w.agents.ib.request('POST', uploadUrl(child.id), large);
      expect(upload.statusCode, upload.body).toBe(201);
      const id = upload.json().id as string;
      const chunks = await queryRows<{ seq: number; length: number; content_version: number }>(
        t.database.db,
        sql`select seq, length(bytes)::int as length, content_version from document_chunk
            where document_id = ${id} order by seq`,
      );
      expect(chunks).toEqual([
        { seq: 0, length: 65536, content_version: 1 },
        { seq: 1, length: 65536, content_version: 1 },
        { seq: 2, length: 65536, content_version: 1 },
        { seq: 3, length: large.length - 3 * 65536, content_version: 1 },
      ]);
      const download = await w.agents.ib.get(`/api/documents/${id}/content`);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(large)).toBe(true);
    });

    it('shows no one a document whose chunks are still being written', async () => {
      const upload = await w.agents.ib.request('POST', uploadUrl(child.id), large);
      const id = upload.json().id as string;
      // As the row stands between the authorizing transaction and the last chunk (or after a crash).
      await t.database.db.execute(sql`update document set state = 'storing' where id = ${id}`);
      const list = await w.agents.ib.get(`/api/students/${child.id}/documents`);
      expect(list.json().documents.map((d: { id: string }) => d.id)).not.toContain(id);
      expect((await w.agents.ib.get(`/api/documents/${id}/content`)).statusCode).toBe(404);
      expect(
        (await w.agents.ib.request('PATCH', `/api/documents/${id}`, { title: 'Nieuw' })).statusCode,
      ).toBe(404);
      await t.database.db.execute(sql`update document set state = 'stored' where id = ${id}`);
      expect((await w.agents.ib.get(`/api/documents/${id}/content`)).statusCode).toBe(200);
    });

    it('answers 500 (damaged, nothing sent) when a chunk is missing, and 500 for one too many', async () => {
      const [missing, extra] = await Promise.all(
        [1, 2].map(
          async () => (await w.agents.ib.request('POST', uploadUrl(child.id), large)).json().id as string,
        ),
      );
      await t.database.db.execute(sql`delete from document_chunk where document_id = ${missing} and seq = 2`);
      await t.database.db.execute(sql`
        insert into document_chunk (swv_id, document_id, content_version, seq, bytes)
          select swv_id, document_id, content_version, 4, bytes from document_chunk
          where document_id = ${extra} and seq = 0`);
      await t.database.db.execute(sql`
        update document_chunk set bytes = substring(bytes from 1 for 10)
          where document_id = ${extra} and seq = 3`);
      for (const id of [missing, extra]) {
        const response = await w.agents.ib.get(`/api/documents/${id}/content`);
        expect(response.statusCode).toBe(500);
        expect(response.json().error.message).toBe('This document is damaged and cannot be opened');
        expect(response.body).not.toContain('%PDF');
      }
    });
  });

  describe('change', () => {
    let child: Awaited<ReturnType<typeof aStudent>>;

    beforeAll(async () => {
      child = await aStudent(t.database.db, w.swv.id, w.school.id, { groupName: '5A' });
      await aGuardian(t.database.db, w.swv.id, child.id, w.users.parent.id);
    });

    async function anUpload(upload: Upload) {
      const response = await w.agents.ib.request('POST', uploadUrl(child.id, upload), aPdf('change'));
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    }
    const patch = (agent: Agent, id: string, body: unknown) =>
      agent.request('PATCH', `/api/documents/${id}`, body);
    const stored = async (id: string) =>
      (
        await queryRows<{ title: string; classification: string; shared_with_parents: boolean }>(
          t.database.db,
          sql`select title, classification, shared_with_parents from document where id = ${id}`,
        )
      )[0];

    it('unshares a document: the parent no longer lists it nor downloads it; one log row names the fields', async () => {
      const id = await anUpload({ title: 'Rapport', sharedWithParents: 'true' });
      const listed = async () =>
        (await w.agents.parent.get(`/api/students/${child.id}/documents`))
          .json()
          .documents.map((d: { id: string }) => d.id);
      expect(await listed()).toContain(id);

      const response = await patch(w.agents.ib, id, { sharedWithParents: false, title: 'Rapport (intern)' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ id, title: 'Rapport (intern)', sharedWithParents: false });
      expect(await logRows(t, response)).toEqual([
        {
          action: 'update',
          outcome: 'allowed',
          object_type: 'document',
          object_id: id,
          part: 'sharedWithParents,title',
        },
      ]);
      expect(await listed()).not.toContain(id);
      expect((await w.agents.parent.get(`/api/documents/${id}/content`)).statusCode).toBe(403);
    });

    it('tells the IB’er and the consultant they may change a document, and no one else', async () => {
      await anUpload({ title: 'Gedeeld', sharedWithParents: 'true' });
      for (const [name, mayChange] of [
        ['ib', true],
        ['consultant', true],
        ['director', false],
        ['teacher', false],
        ['parent', false],
      ] as const) {
        const list = (await w.agents[name].get(`/api/students/${child.id}/documents`)).json();
        expect(list.documents.length, name).toBeGreaterThan(0);
        expect(
          list.documents.every((d: { mayChange: boolean }) => d.mayChange === mayChange),
          name,
        ).toBe(true);
      }
    });

    it('reclassifies as medical only when unshared at once; never shares a medical report', async () => {
      const shared = await anUpload({ sharedWithParents: 'true' });
      // Against what is stored: 422, logged (the refusal tells what the document is), nothing changed.
      const refused = await patch(w.agents.consultant, shared, { classification: 'medical_psychological' });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error).toMatchObject({
        code: 'rule_violated',
        details: { rule: 'medical_not_shared' },
      });
      expect((await logRows(t, refused)).map((row) => [row.outcome, row.part])).toEqual([
        ['allowed', 'classification'],
      ]);
      expect(await stored(shared)).toMatchObject({ classification: 'ordinary', shared_with_parents: true });

      const moved = await patch(w.agents.consultant, shared, {
        classification: 'medical_psychological',
        sharedWithParents: false,
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(await stored(shared)).toMatchObject({
        classification: 'medical_psychological',
        shared_with_parents: false,
      });
      // The medical report cannot be shared afterwards either.
      const share = await patch(w.agents.ib, shared, { sharedWithParents: true });
      expect(share.statusCode).toBe(422);
      expect(await stored(shared)).toMatchObject({ shared_with_parents: false });

      // In the body itself: 400 like the upload, before anything is read or logged.
      const both = await patch(w.agents.ib, shared, {
        classification: 'medical_psychological',
        sharedWithParents: true,
      });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.code).toBe('validation_failed');
      expect(await logRows(t, both)).toEqual([]);
    });

    it('refuses the director, teacher, partner and parent (logged, nothing changed); another SWV gets 404', async () => {
      const id = await anUpload({ title: 'Verslag', sharedWithParents: 'true' });
      for (const [agent, status] of [
        [w.agents.director, 403],
        [w.agents.teacher, 403],
        [w.agents.partnerWith, 403],
        [w.agents.parent, 403],
        [w.agents.foreignIb, 404],
      ] as const) {
        const response = await patch(agent, id, { sharedWithParents: false });
        expect(response.statusCode, response.body).toBe(status);
        expect(await logRows(t, response)).toEqual([
          {
            action: 'update',
            outcome: 'denied',
            object_type: 'document',
            object_id: id,
            part: 'sharedWithParents',
          },
        ]);
      }
      expect(await stored(id)).toMatchObject({ title: 'Verslag', shared_with_parents: true });
      const unknown = await patch(w.agents.ib, '00000000-0000-7000-8000-000000000000', { title: 'x' });
      expect(unknown.statusCode).toBe(404);
    });

    it('refuses unknown fields, an empty title and a smuggled tenant', async () => {
      const id = await anUpload({});
      for (const body of [
        { title: '' },
        { swvId: w.swv.id },
        { fileName: 'x.exe' },
        { sharedWithParents: 'true' },
      ]) {
        const response = await patch(w.agents.ib, id, body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
      }
      expect(await stored(id)).toMatchObject({ title: 'Onderzoeksverslag', shared_with_parents: false });
    });
  });

  it('refuses a file over the configured size with 413 before reading it, and says the limit', async () => {
    const small = await testApp({ documents: { keys: settings.keys, maxBytes: 1024 } });
    try {
      const db = small.database.db;
      const swv = await aSwv(db);
      const school = await aSchool(db, swv.id);
      const child = await aStudent(db, swv.id, school.id);
      const ib = await signIn(small, await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]));
      const list = await ib.get(`/api/students/${child.id}/documents`);
      expect(list.json().maxUploadBytes).toBe(1024);
      const exact = Buffer.concat([aPdf(), Buffer.alloc(1024 - aPdf().length, 0x20)]);
      expect((await ib.request('POST', uploadUrl(child.id), exact)).statusCode).toBe(201);
      const response = await ib.request(
        'POST',
        uploadUrl(child.id),
        Buffer.concat([exact, Buffer.from(' ')]),
      );
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('payload_too_large');
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from document`);
      expect(row!.n).toBe(1);
    } finally {
      await small.close();
    }
  });
});
