// Demo places and waiting lists (docs/domain.md, "Places and waiting lists"): per SWV two
// arrangement providers, the places of every SBO, SO, VSO and OPDC school and of the providers in
// this school year (mostly full), and children waiting: those with a granted TLV or OPDC placement
// who are not yet at a school of that kind wait for one, those with a granted arrangement for a
// provider, from a few days after the decision. Some wait longer than 3 months; some have a place promised.
import { sql } from 'drizzle-orm';
import { addDays, schoolYearOf } from '../../../domain/calendar.ts';
import type { PlaceCategory } from '../../../domain/capacity.ts';
import { type Database, queryRows } from '../client.ts';
import { arrangementProvider, placeCapacity, waitingEntry } from '../schema/index.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';

const providerNames = {
  PO: ['Ambulante dienst cluster 3 en 4', 'Plusklas regio'],
  VO: ['Reboundvoorziening', 'Ambulante begeleiding VO'],
} as const;

/** How the places of an SO or VSO school split over the TLV categories. */
const categoryShares: readonly (readonly [PlaceCategory, number])[] = [
  ['low', 0.6],
  ['medium', 0.25],
  ['high', 0.15],
];

/** Which school kind a request type's decision waits for. */
const kindOfType: Record<string, string> = {
  tlv_sbo: 'sbo',
  tlv_so: 'so',
  tlv_vso: 'vso',
  opdc_placement: 'opdc',
};

export async function writeCapacity(
  database: Database,
  settings: DemoSettings,
  swv: SwvPlan,
  today: string,
): Promise<void> {
  const random = streamOf(settings, 'capacity', swv.registerCode);
  const db = database.db;
  const swvId = swv.id;
  const schoolYear = schoolYearOf(today);
  const at = new Date(`${today}T08:00:00Z`);
  const [admin] = await queryRows<{ id: string }>(
    db,
    sql`select user_id as id from membership where swv_id = ${swvId} and role = 'swv_admin' order by user_id limit 1`,
  );
  const [consultant] = await queryRows<{ id: string }>(
    db,
    sql`select user_id as id from membership where swv_id = ${swvId} and role = 'consultant' order by user_id limit 1`,
  );
  if (!admin || !consultant) return;

  const providers = providerNames[swv.sector].map((name) => ({
    swvId,
    id: random.id(),
    name,
    createdAt: at,
  }));
  await db.insert(arrangementProvider).values(providers);

  const schools = await queryRows<{ id: string; kind: string; pupils: number }>(
    db,
    sql`select s.id, s.kind, (select count(*)::int from student p where p.swv_id = s.swv_id and p.school_id = s.id) as pupils
        from school s where s.swv_id = ${swvId} and s.kind in ('sbo', 'so', 'vso', 'opdc') order by s.name`,
  );
  const rows: (typeof placeCapacity.$inferInsert)[] = [];
  const place = (
    target: { schoolId?: string; providerId?: string },
    category: PlaceCategory,
    taken: number,
  ) => {
    // Mostly full: a few free places, sometimes none, now and then one over.
    const places = Math.min(2000, Math.max(taken + random.int(-1, 4), 1));
    rows.push({
      swvId,
      id: random.id(),
      schoolYear,
      schoolId: target.schoolId ?? null,
      providerId: target.providerId ?? null,
      category,
      places,
      taken: Math.min(taken, 2000),
      updatedByUserId: admin.id,
      updatedAt: at,
    });
  };
  for (const school of schools) {
    if (school.kind === 'so' || school.kind === 'vso') {
      for (const [category, share] of categoryShares)
        place({ schoolId: school.id }, category, Math.round(school.pupils * share));
    } else place({ schoolId: school.id }, 'none', school.pupils);
  }
  for (const provider of providers) place({ providerId: provider.id }, 'none', random.int(12, 30));
  if (rows.length) await db.insert(placeCapacity).values(rows);

  // Children with a granted decision that places them, not yet at a school of that kind.
  const decided = await queryRows<{
    id: string;
    student_id: string;
    code: string;
    school_kind: string;
    category: PlaceCategory | null;
    decided_on: string;
  }>(
    db,
    sql`select r.id, r.student_id, t.code, s.kind as school_kind, r.category, r.decided_on::text as decided_on
        from support_request r
        join request_type t on t.swv_id = r.swv_id and t.id = r.type_id
        join student p on p.swv_id = r.swv_id and p.id = r.student_id
        join school s on s.swv_id = p.swv_id and s.id = p.school_id
        where r.swv_id = ${swvId} and r.outcome in ('granted', 'partly_granted') and r.decided_on <= ${today}
          and t.code in ('tlv_sbo', 'tlv_so', 'tlv_vso', 'opdc_placement', 'arrangement')
        order by r.decided_on, r.id`,
  );
  const entries: (typeof waitingEntry.$inferInsert)[] = [];
  const waiting = new Set<string>();
  for (const request of decided) {
    if (entries.length >= 14) break;
    const kind = kindOfType[request.code];
    const schoolsOfKind = schools.filter((s) => s.kind === kind);
    // A child already at a school of that kind does not wait for one (an SBO pupil may wait for SO).
    const target = kind
      ? schoolsOfKind.length && request.school_kind !== kind
        ? { schoolId: random.pick(schoolsOfKind).id, providerId: null }
        : null
      : { schoolId: null, providerId: random.pick(providers).id };
    const key = `${request.student_id}-${target?.schoolId ?? target?.providerId}`;
    if (!target || waiting.has(key)) continue;
    waiting.add(key);
    const since = addDays(request.decided_on, random.int(1, 6));
    if (since > today) continue;
    const category: PlaceCategory = kind === 'so' || kind === 'vso' ? (request.category ?? 'low') : 'none';
    const promised = random.chance(0.35) ? addDays(today, random.int(10, 70)) : null;
    entries.push({
      swvId,
      id: random.id(),
      studentId: request.student_id,
      requestId: request.id,
      ...target,
      category,
      since,
      promisedOn: promised,
      note: '',
      createdByUserId: consultant.id,
      createdAt: new Date(`${since}T09:00:00Z`),
      updatedAt: new Date(`${since}T09:00:00Z`),
    });
  }
  if (entries.length) await db.insert(waitingEntry).values(entries);
}
