// The demo data generator at a small pupil scale: reproducible, shaped like docs/domain.md, one login
// per role, tenant-tight, and with the partner's consent given for some children and not others.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../../test/support/testDatabase.ts';
import { isLongWait } from '../../../domain/capacity.ts';
import { parentAgreementOf } from '../../../domain/plans.ts';
import { roles } from '../../../domain/roles.ts';
import { schoolHolidaysRefusal } from '../../../domain/schoolHolidays.ts';
import { type SurveyAnswer, surveyResults } from '../../../domain/surveys.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { queryRows } from '../client.ts';
import { type DemoLogin, formatDemoLogins, hasAnySwv, seedDemo } from './index.ts';
import { publishedSchoolHolidays, schoolHolidaysOf } from './schoolHolidays.ts';

const password = 'demo wachtwoord voor de test';
const options = {
  password,
  scale: 'regional',
  seed: 7,
  schoolYear: 2026,
  pupilScale: 0.02,
  today: '2027-02-15',
} as const;

/** One checksum per table over every row (the password hash is salted, so only its presence counts). */
const checksumQueries: Record<string, string> = {
  swv: 'select * from swv',
  access_log_head: 'select * from access_log_head',
  board: 'select * from board',
  school: 'select * from school',
  school_holiday: 'select * from school_holiday',
  team: 'select * from team',
  team_school: 'select * from team_school',
  partner_organisation: 'select * from partner_organisation',
  partner_school: 'select * from partner_school',
  app_user: `select id, swv_id, email, display_name, password_hash is not null as has_password, totp_secret,
    totp_enabled_at, disabled_at, created_at from app_user`,
  membership: 'select * from membership',
  team_member: 'select * from team_member',
  student: 'select * from student',
  student_guardian: 'select * from student_guardian',
  case_member: 'select * from case_member',
  consent: 'select * from consent',
  enrolment: 'select * from enrolment',
  support_level_change: 'select * from support_level_change',
  case_meeting: 'select * from case_meeting',
  case_meeting_action: 'select * from case_meeting_action',
  plan: 'select * from plan',
  plan_goal: 'select * from plan_goal',
  plan_agreement: 'select * from plan_agreement',
  plan_parent_response: 'select * from plan_parent_response',
  objection: 'select * from objection',
  objection_event: 'select * from objection_event',
  dispute: 'select * from dispute',
  complaint: 'select * from complaint',
  support_signal: 'select * from support_signal',
  survey_invitation: 'select * from survey_invitation',
  survey_response: 'select * from survey_response',
  arrangement_provider: 'select * from arrangement_provider',
  place_capacity: 'select * from place_capacity',
  waiting_entry: 'select * from waiting_entry',
};

async function checksums(database: TestDatabase): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [table, query] of Object.entries(checksumQueries)) {
    const [row] = await queryRows<{ rows: number; checksum: string }>(
      database.db,
      sql.raw(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as checksum
        from (${query}) t`),
    );
    result[table] = `${row!.rows}:${row!.checksum}`;
  }
  return result;
}

let first: TestDatabase;
let second: TestDatabase;
let logins: DemoLogin[];

beforeAll(async () => {
  [first, second] = await Promise.all([testDatabase(), testDatabase()]);
  logins = await seedDemo(first, options);
  await seedDemo(second, options);
});

afterAll(async () => {
  await Promise.all([first?.drop(), second?.drop()]);
});

const rowsOf = <T>(query: ReturnType<typeof sql>) => queryRows<T>(first.db, query);

describe('seedDemo', () => {
  it('writes identical rows for the same seed on two fresh databases, and other pupils for another seed', async () => {
    const [a, b] = await Promise.all([checksums(first), checksums(second)]);
    expect(a.student).not.toMatch(/^0:/);
    expect(b).toEqual(a);

    const third = await testDatabase();
    try {
      await seedDemo(third, { ...options, seed: 8 });
      const c = await checksums(third);
      expect(c.student).not.toBe(a.student);
    } finally {
      await third.drop();
    }
  });

  it('models SWV Utrecht PO with 100 bao, 4 sbo and 6 so in the ten wijken, each with a team', async () => {
    const kinds = await rowsOf<{ kind: string; schools: number }>(sql`
      select s.kind, count(*)::int as schools from school s join swv v on v.id = s.swv_id
      where v.register_code = 'PO 26.01' group by s.kind order by s.kind`);
    expect(kinds).toEqual([
      { kind: 'bao', schools: 100 },
      { kind: 'sbo', schools: 4 },
      { kind: 'so', schools: 6 },
    ]);
    const wijken = await rowsOf<{ wijk: string; schools: number; teamSchools: number }>(sql`
      select s.wijk, count(distinct s.id)::int as schools, count(distinct ts.school_id)::int as "teamSchools"
      from school s join swv v on v.id = s.swv_id
      left join team t on t.swv_id = s.swv_id and t.wijk = s.wijk
      left join team_school ts on ts.team_id = t.id and ts.school_id = s.id
      where v.register_code = 'PO 26.01' group by s.wijk`);
    expect(wijken.map((w) => w.wijk).sort()).toEqual([
      'Binnenstad',
      'Leidsche Rijn',
      'Noordoost',
      'Noordwest',
      'Oost',
      'Overvecht',
      'Vleuten-De Meern',
      'West',
      'Zuid',
      'Zuidwest',
    ]);
    for (const wijk of wijken) expect(wijk.teamSchools).toBe(wijk.schools);
    // Real DUO locations: the Drie Koningenschool in De Meern is one of them.
    const [real] = await rowsOf<{ name: string; wijk: string }>(
      sql`select name, wijk from school where location_code = '03LX00'`,
    );
    expect(real).toEqual({ name: 'Drie Koningenschool', wijk: 'Vleuten-De Meern' });
  });

  it('models Passenderwijs in its five municipalities and Sterk VO with VO, VSO and one OPDC', async () => {
    const swvs = await rowsOf<{
      code: string;
      sector: string;
      municipalities: string[];
      kinds: string[];
    }>(sql`
      select v.register_code as code, v.sector, v.municipalities,
        array_agg(distinct s.kind order by s.kind) as kinds
      from swv v join school s on s.swv_id = v.id group by v.id order by v.register_code`);
    expect(swvs).toEqual([
      { code: 'PO 26.01', sector: 'PO', municipalities: ['Utrecht'], kinds: ['bao', 'sbo', 'so'] },
      {
        code: 'PO 26.04',
        sector: 'PO',
        municipalities: ['De Ronde Venen', 'Montfoort', 'Oudewater', 'Stichtse Vecht', 'Woerden'],
        kinds: ['bao', 'sbo', 'so'],
      },
      {
        code: 'VO 26.01',
        sector: 'VO',
        municipalities: ['Utrecht', 'Stichtse Vecht'],
        kinds: ['opdc', 'vo', 'vso'],
      },
    ]);
    const [opdc] = await rowsOf<{ count: number }>(
      sql`select count(*)::int as count from school where kind = 'opdc'`,
    );
    expect(opdc!.count).toBe(1);
  });

  it('puts about 2.0% of the pupils of a PO SWV in SBO and 1.2% in SO, all at support level 4', async () => {
    const shares = await rowsOf<{ code: string; sbo: number; so: number; specialBelowFour: number }>(sql`
      select v.register_code as code,
        100.0 * count(*) filter (where s.kind = 'sbo') / count(*) as sbo,
        100.0 * count(*) filter (where s.kind = 'so') / count(*) as so,
        count(*) filter (where s.kind in ('sbo', 'so') and st.support_level < 4)::int as "specialBelowFour"
      from student st join school s on s.id = st.school_id join swv v on v.id = st.swv_id
      where v.sector = 'PO' group by v.register_code`);
    expect(shares).toHaveLength(2);
    for (const share of shares) {
      expect(Number(share.sbo)).toBeCloseTo(2.0, 0);
      expect(Number(share.so)).toBeCloseTo(1.2, 0);
      expect(Math.abs(Number(share.sbo) + Number(share.so) - 3.2)).toBeLessThan(0.3);
      expect(share.specialBelowFour).toBe(0);
    }
  });

  it('gives regular pupils support levels 2, 3 and 4 at about 15%, 6% and 2.5%', async () => {
    const [levels] = await rowsOf<{ pupils: number; l2: number; l3: number; l4: number }>(sql`
      select count(*)::int as pupils,
        100.0 * count(*) filter (where st.support_level = 2) / count(*) as l2,
        100.0 * count(*) filter (where st.support_level = 3) / count(*) as l3,
        100.0 * count(*) filter (where st.support_level = 4) / count(*) as l4
      from student st join school s on s.id = st.school_id where s.kind in ('bao', 'vo')`);
    expect(levels!.pupils).toBeGreaterThan(1000);
    expect(Math.abs(Number(levels!.l2) - 15)).toBeLessThan(3.5);
    expect(Math.abs(Number(levels!.l3) - 6)).toBeLessThan(2);
    expect(Math.abs(Number(levels!.l4) - 2.5)).toBeLessThan(1.5);
  });

  it('gives pupils birth dates that fit their groep (PO, age 4–12) or leerjaar (VO)', async () => {
    // On 1 October (the school-entry cut-off) groep g holds ages g+3 and g+4, leerjaar k ages k+11 and
    // k+12; a pupil kept back once is a year older.
    const misfits = await rowsOf<{ kind: string; group_name: string; birth_date: string }>(sql`
      select s.kind, st.group_name, st.birth_date::text from student st join school s on s.id = st.school_id
      where extract(year from age(date '2026-10-01', st.birth_date))
        not between regexp_replace(st.group_name, '[A-Z]+$', '')::int
                    + case when s.kind in ('vo', 'vso', 'opdc') then 11 else 3 end
          and regexp_replace(st.group_name, '[A-Z]+$', '')::int
                    + case when s.kind in ('vo', 'vso', 'opdc') then 13 else 5 end
      limit 5`);
    expect(misfits).toEqual([]);
    const [po] = await rowsOf<{ youngest: number; oldest: number }>(sql`
      select min(extract(year from age(date '2026-10-01', st.birth_date)))::int as youngest,
        max(extract(year from age(date '2026-10-01', st.birth_date)))::int as oldest
      from student st join school s on s.id = st.school_id where s.kind = 'bao'`);
    expect(po!.youngest).toBe(4);
    expect(po!.oldest).toBeLessThanOrEqual(13);
  });

  it('creates one login per role per SWV plus the operator, sharing one password, without a second factor', async () => {
    const byRole = await rowsOf<{ code: string | null; role: string; users: number }>(sql`
      select v.register_code as code, m.role, count(*)::int as users
      from app_user u join membership m on m.user_id = u.id left join swv v on v.id = u.swv_id
      where u.password_hash is not null group by v.register_code, m.role`);
    const swvRoles = roles.filter((role) => role !== 'operator');
    for (const code of ['PO 26.01', 'PO 26.04', 'VO 26.01']) {
      expect(
        byRole
          .filter((r) => r.code === code)
          .map((r) => r.role)
          .sort(),
      ).toEqual([...swvRoles].sort());
    }
    expect(byRole.filter((r) => r.code === null)).toEqual([{ code: null, role: 'operator', users: 1 }]);
    // One login per role, and leerplicht beside the buurtteam as a second partner.
    expect(byRole.every((r) => r.users === (r.role === 'partner' ? 2 : 1))).toBe(true);
    expect(logins).toHaveLength(1 + 3 * (swvRoles.length + 1));
    expect(logins).toContainEqual(
      expect.objectContaining({ role: 'partner', email: 'leerplicht@utrecht.demo.passend.nl' }),
    );
    expect(logins).toContainEqual(
      expect.objectContaining({ role: 'school_ib', email: 'ib@utrecht.demo.passend.nl' }),
    );
    expect(logins).toContainEqual(
      expect.objectContaining({ role: 'operator', email: 'operator@demo.passend.nl' }),
    );

    const hashes = await rowsOf<{ password_hash: string; enrolled: number }>(sql`
      select password_hash, count(*) filter (where totp_enabled_at is not null or totp_secret is not null)::int as enrolled
      from app_user where password_hash is not null group by password_hash`);
    expect(hashes).toHaveLength(1);
    expect(hashes[0]!.enrolled).toBe(0);
    expect(await verifyPassword(hashes[0]!.password_hash, password)).toBe(true);
    expect(formatDemoLogins(logins, password)).toContain('ib@utrecht.demo.passend.nl');
  });

  it('keeps every row in its tenant: schools with their board, consultants in a team of their SWV', async () => {
    const [crossing] = await rowsOf<{ schools: number; teams: number; partners: number }>(sql`
      select
        (select count(*)::int from school s left join board b on b.id = s.board_id
          where b.id is null or b.swv_id <> s.swv_id) as schools,
        (select count(*)::int from team_school ts join school s on s.id = ts.school_id where s.swv_id <> ts.swv_id) as teams,
        (select count(*)::int from partner_school ps join school s on s.id = ps.school_id where s.swv_id <> ps.swv_id) as partners`);
    expect(crossing).toEqual({ schools: 0, teams: 0, partners: 0 });
    const consultants = await rowsOf<{ email: string; schools: number }>(sql`
      select u.email, count(distinct ts.school_id)::int as schools
      from app_user u join team_member tm on tm.user_id = u.id and tm.swv_id = u.swv_id
      join team_school ts on ts.team_id = tm.team_id
      where u.email like 'consulent@%' group by u.email`);
    expect(consultants).toHaveLength(3);
    for (const consultant of consultants) expect(consultant.schools).toBeGreaterThan(0);
  });

  it('gives the school staff, the teacher groups, the parent and the partner the same real school', async () => {
    const staff = await rowsOf<{ code: string; schools: string[]; kinds: string[] }>(sql`
      select v.register_code as code, array_agg(distinct m.school_id::text) as schools,
        array_agg(distinct s.kind) as kinds
      from swv v join membership m on m.swv_id = v.id and m.role in ('school_ib', 'school_director', 'teacher')
      join app_user u on u.id = m.user_id and u.password_hash is not null
      join school s on s.id = m.school_id group by v.register_code`);
    expect(staff).toHaveLength(3);
    for (const { code, schools, kinds } of staff) {
      expect(schools).toHaveLength(1);
      expect(kinds).toEqual([code.startsWith('VO') ? 'vo' : 'bao']);
      const schoolId = schools[0]!;
      const [groups] = await rowsOf<{ groups: string[]; missing: number }>(sql`
        select t.groups, (select count(*)::int from unnest(t.groups) g where not exists
          (select 1 from student st where st.school_id = t.school_id and st.group_name = g)) as missing
        from membership t where t.role = 'teacher' and t.school_id = ${schoolId}`);
      expect(groups!.groups).toHaveLength(2);
      expect(groups!.missing).toBe(0);
      const children = await rowsOf<{ school_id: string; family_name: string }>(sql`
        select st.school_id, st.family_name from student_guardian sg join app_user u on u.id = sg.user_id
        join student st on st.id = sg.student_id
        where u.email = ${`ouder@${code === 'PO 26.01' ? 'utrecht' : code === 'PO 26.04' ? 'passenderwijs' : 'sterkvo'}.demo.passend.nl`}`);
      expect(children).toHaveLength(2);
      expect(children.every((child) => child.school_id === schoolId)).toBe(true);
      // Brother and sister: one family name.
      expect(children[0]!.family_name).toBe(children[1]!.family_name);
      const partnerChildren = await rowsOf<{ school_id: string }>(sql`
        select st.school_id from case_member cm join membership m on m.user_id = cm.user_id and m.role = 'partner'
        join student st on st.id = cm.student_id where cm.swv_id = (select swv_id from school where id = ${schoolId})`);
      expect(partnerChildren.length).toBeGreaterThan(0);
      expect(partnerChildren.every((child) => child.school_id === schoolId)).toBe(true);
    }
  });

  it('gives each SWV requests in many states up to today, some overdue, with timelines and the logins’ own cases', async () => {
    const perSwv = await rowsOf<{
      swv: string;
      states: number;
      overdue: number;
      future: number;
      late: number;
    }>(sql`
      select r.swv_id as swv, count(distinct r.state)::int as states,
        count(*) filter (where r.decided_on is null and r.state <> 'withdrawn' and r.deadline_on < date '2027-02-15')::int as overdue,
        count(*) filter (where r.created_at > timestamptz '2027-02-15')::int as future,
        count(*) filter (where (select count(*) from request_event e where e.request_id = r.id) = 0)::int as late
      from support_request r group by r.swv_id`);
    expect(perSwv).toHaveLength(3);
    for (const swv of perSwv) {
      expect(swv.states, swv.swv).toBeGreaterThanOrEqual(4);
      expect(swv.future).toBe(0);
      expect(swv.late).toBe(0);
    }
    expect(perSwv.reduce((sum, swv) => sum + swv.overdue, 0)).toBeGreaterThan(0);
    const [all] = await rowsOf<{ states: number }>(
      sql`select count(distinct state)::int as states from support_request`,
    );
    expect(all!.states).toBeGreaterThanOrEqual(9);
    // The parent's child has a request of its own, and the spotlight IB'er a draft and one sent back.
    const [own] = await rowsOf<{ parent: number; drafts: number; sentBack: number }>(sql`
      select
        (select count(*)::int from support_request r join student_guardian g on g.student_id = r.student_id
          join app_user u on u.id = g.user_id where u.email like 'ouder@%') as parent,
        (select count(*)::int from support_request where state = 'draft') as drafts,
        (select count(*)::int from support_request where state = 'incomplete') as "sentBack"`);
    expect(own!.parent).toBeGreaterThanOrEqual(2);
    expect(own!.drafts).toBeGreaterThanOrEqual(3);
    expect(own!.sentBack).toBeGreaterThanOrEqual(3);
  });

  it('has objections against TLVs in several states, disputes, complaints and support-point signals', async () => {
    const [counts] = await rowsOf<{
      states: number;
      tlvClocks: number;
      parents: number;
      disputes: number;
      complaints: number;
      signals: number;
      early: number;
    }>(sql`
      select
        (select count(distinct state)::int from objection) as states,
        (select count(*)::int from objection where advice_due_on is not null) as "tlvClocks",
        (select count(*)::int from objection where filed_by = 'parent') as parents,
        (select count(*)::int from dispute) as disputes,
        (select count(*)::int from complaint) as complaints,
        (select count(*)::int from support_signal) as signals,
        (select count(*)::int from objection o join support_request r on r.id = o.request_id
          where o.received_on < r.decided_on or o.received_on > date '2027-02-15') as early`);
    expect(counts!.states).toBeGreaterThanOrEqual(3);
    expect(counts!.tlvClocks).toBeGreaterThanOrEqual(3);
    expect(counts!.parents).toBeGreaterThanOrEqual(1);
    expect(counts!.disputes).toBeGreaterThanOrEqual(3);
    expect(counts!.complaints).toBeGreaterThanOrEqual(3);
    expect(counts!.signals).toBeGreaterThanOrEqual(5);
    expect(counts!.early).toBe(0);
  });

  it('has transitions in every stage, a summer wave from PO to the VO SWV, each handed over with consent', async () => {
    const [counts] = await rowsOf<{
      within: number;
      outgoing: number;
      incoming: number;
      open: number;
      placed: number;
      waiting: number;
      withoutConsent: number;
      future: number;
      risky: number;
    }>(sql`
      select
        (select count(*)::int from transition where direction = 'within') as within,
        (select count(*)::int from transition where direction = 'outgoing') as outgoing,
        (select count(*)::int from transition where direction = 'incoming') as incoming,
        (select count(*)::int from transition where direction <> 'outgoing' and decided_on is null) as open,
        (select count(*)::int from transition where outcome = 'placed') as placed,
        (select count(*)::int from transition where pauses::text like '%"to": null%') as waiting,
        (select count(*)::int from transition t where t.handed_over_on is not null and t.direction <> 'incoming'
          and not exists (select 1 from consent c where c.swv_id = t.swv_id and c.student_id = t.student_id
            and c.purpose = 'hand_over_to_school')) as "withoutConsent",
        (select count(*)::int from transition where registered_on > date '2027-02-15') as future,
        (select count(*)::int from transition where cardinality(risk_flags) > 0) as risky`);
    expect(counts!.within).toBeGreaterThan(10);
    expect(counts!.outgoing).toBeGreaterThan(0);
    // Every handed-over move to the VO SWV arrived there as an incoming row.
    expect(counts!.incoming).toBe(counts!.outgoing);
    expect(counts!.open).toBeGreaterThan(0);
    expect(counts!.placed).toBeGreaterThan(0);
    expect(counts!.waiting).toBeGreaterThan(0);
    expect(counts!.risky).toBeGreaterThan(0);
    expect(counts!.withoutConsent).toBe(0);
    expect(counts!.future).toBe(0);
  });

  it('invites the demo parent to a survey and gives each SWV answers that show, with one small school hidden', async () => {
    const [open] = await rowsOf<{ open: number }>(sql`
      select count(*)::int as open from survey_invitation i join app_user u on u.id = i.user_id
      where u.email like 'ouder@%' and i.answered_at is null`);
    expect(open!.open).toBeGreaterThanOrEqual(3);
    const rows = await rowsOf<{
      swv_id: string;
      school_id: string;
      overall: number | null;
      open_answer: string;
    }>(
      sql`select swv_id, school_id, overall, open_answer from survey_response where school_year = '2026-2027'`,
    );
    const swvs = [...new Set(rows.map((r) => r.swv_id))];
    expect(swvs).toHaveLength(3);
    for (const swvId of swvs) {
      const answers: SurveyAnswer[] = rows
        .filter((r) => r.swv_id === swvId)
        .map((r) => ({
          schoolId: r.school_id,
          openAnswer: r.open_answer,
          scores: { listened_to: 3, clear_information: 3, help_fits: 3, result: 3, overall: r.overall },
        }));
      const results = surveyResults(answers, null);
      expect(results.count, swvId).toBeGreaterThan(20);
      expect(results.schools.filter((s) => s.count !== null).length, swvId).toBeGreaterThanOrEqual(2);
      expect(results.schools.filter((s) => s.count === null).length, swvId).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives every special school places and lets children with a granted decision wait, some long, some promised', async () => {
    const unplaced = await rowsOf<{ kind: string }>(sql`
      select s.kind from school s where s.kind in ('sbo', 'so', 'vso', 'opdc')
      and not exists (select 1 from place_capacity c where c.school_id = s.id and c.school_year = '2026-2027')`);
    expect(unplaced).toEqual([]);
    const waits = await rowsOf<{
      swv_id: string;
      since: string;
      promised_on: string | null;
      granted: boolean;
      kind: string | null;
    }>(sql`
      select w.swv_id, w.since::text as since, w.promised_on::text as promised_on,
        r.outcome in ('granted', 'partly_granted') and r.decided_on <= w.since as granted, s.kind
      from waiting_entry w join support_request r on r.swv_id = w.swv_id and r.id = w.request_id
      left join school s on s.swv_id = w.swv_id and s.id = w.school_id`);
    expect(new Set(waits.map((w) => w.swv_id)).size).toBe(3);
    expect(waits.every((w) => w.granted && w.since <= '2027-02-15')).toBe(true);
    expect(waits.filter((w) => isLongWait(w.since, '2027-02-15')).length, 'long').toBeGreaterThanOrEqual(2);
    expect(waits.filter((w) => w.promised_on !== null).length, 'promised').toBeGreaterThanOrEqual(2);
    expect(new Set(waits.map((w) => w.kind ?? 'arrangement')).size, 'kinds').toBeGreaterThanOrEqual(3);
  });

  it("shares the partner's case children with consent for some of them and not for others", async () => {
    const cases = await rowsOf<{
      email: string;
      children: number;
      consented: number;
      atPartnerSchool: number;
    }>(sql`
      select u.email, count(*)::int as children,
        count(*) filter (where exists (select 1 from consent c where c.swv_id = cm.swv_id and c.student_id = cm.student_id
          and c.purpose = 'share_with_partner' and c.partner_organisation_id = m.partner_organisation_id
          and c.given_on <= date '2026-09-01' and c.withdrawn_at is null))::int as consented,
        count(*) filter (where exists (select 1 from partner_school ps join student st on st.school_id = ps.school_id
          where st.id = cm.student_id and ps.partner_organisation_id = m.partner_organisation_id))::int as "atPartnerSchool"
      from case_member cm join app_user u on u.id = cm.user_id
      join membership m on m.user_id = u.id and m.role = 'partner'
      group by u.email order by u.email`);
    expect(cases).toHaveLength(3);
    for (const partner of cases) {
      expect(partner.children).toBeGreaterThanOrEqual(4);
      expect(partner.atPartnerSchool).toBe(partner.children);
      expect(partner.consented).toBeGreaterThan(0);
      expect(partner.consented).toBeLessThan(partner.children);
    }
  });

  it('enrols every pupil in their school and group since 1 August, at the spotlight school after last year’s', async () => {
    const [open] = await rowsOf<{ pupils: number; open: number; mismatched: number; earlier: number }>(sql`
      select (select count(*)::int from student) as pupils,
        (select count(*)::int from enrolment where ended_on is null) as open,
        (select count(*)::int from enrolment e join student st on st.id = e.student_id
          where e.ended_on is null and (e.school_id <> st.school_id or e.group_name <> st.group_name
            or e.started_on <> date '2026-08-01')) as mismatched,
        (select count(*)::int from enrolment where ended_on = date '2026-08-01') as earlier`);
    expect(open!.open).toBe(open!.pupils);
    expect(open!.mismatched).toBe(0);
    expect(open!.earlier).toBeGreaterThan(0);
    // Last year's group at the spotlight school; the Utrecht SWV's history (history.ts) has no group.
    const earlier = await rowsOf<{ kind: string; now: string; before: string }>(sql`
      select distinct s.kind, st.group_name as now, e.group_name as before
      from enrolment e join student st on st.id = e.student_id join school s on s.id = e.school_id
      where e.ended_on is not null and e.group_name <> ''`);
    expect(new Set(earlier.map((e) => e.kind))).toEqual(new Set(['bao', 'vo']));
    expect(earlier).toContainEqual({ kind: 'bao', now: '5A', before: '4A' });
    expect(earlier.every((e) => Number.parseInt(e.before, 10) === Number.parseInt(e.now, 10) - 1)).toBe(true);
  });

  it('gives every pupil above level 1 a level history ending in their level, set by an IB’er of their school', async () => {
    const [levels] = await rowsOf<{
      above: number;
      withHistory: number;
      wrongEnd: number;
      notIb: number;
    }>(sql`
      select (select count(*)::int from student where support_level > 1) as above,
        (select count(distinct student_id)::int from support_level_change) as "withHistory",
        (select count(*)::int from student st where st.support_level > 1 and st.support_level <>
          (select c.level from support_level_change c where c.student_id = st.id
           order by c.effective_on desc limit 1)) as "wrongEnd",
        (select count(*)::int from support_level_change c join student st on st.id = c.student_id
          where not exists (select 1 from membership m where m.user_id = c.set_by_user_id
            and m.role = 'school_ib' and m.school_id = st.school_id)) as "notIb"`);
    expect(levels!.withHistory).toBe(levels!.above);
    expect(levels).toMatchObject({ wrongEnd: 0, notIb: 0 });
    // In a regular school a level-4 pupil went through 2 and 3 first, each step a year apart.
    const [steps] = await rowsOf<{ levels: number[]; previous: number[] }>(sql`
      select array_agg(c.level order by c.effective_on) as levels,
        array_agg(c.previous_level order by c.effective_on) as previous
      from support_level_change c join student st on st.id = c.student_id
      join school s on s.id = st.school_id where s.kind = 'bao' and st.support_level = 4
      group by st.id limit 1`);
    expect(steps).toEqual({ levels: [2, 3, 4], previous: [1, 2, 3] });
  });

  it('holds case meetings for level-3 and level-4 pupils and shows consent in each state', async () => {
    const meetings = await rowsOf<{ level: number; actions: number; participants: number }>(sql`
      select st.support_level as level, count(a.id)::int as actions,
        jsonb_array_length(m.participants) as participants
      from case_meeting m join student st on st.id = m.student_id
      left join case_meeting_action a on a.meeting_id = m.id group by m.id, st.support_level`);
    expect(meetings.length).toBeGreaterThan(0);
    for (const meeting of meetings) {
      expect(meeting.level).toBeGreaterThanOrEqual(3);
      expect(meeting.actions).toBeGreaterThanOrEqual(2);
      expect(meeting.participants).toBeGreaterThanOrEqual(3);
    }
    const states = await rowsOf<{ state: string }>(sql`
      select distinct case when withdrawn_at is not null then 'withdrawn'
        when expires_on < date '2026-09-01' then 'expired' else 'in_force' end as state
      from consent order by state`);
    expect(states.map((s) => s.state)).toEqual(['expired', 'in_force', 'withdrawn']);
    const [paper] = await rowsOf<{ missing: number }>(sql`
      select count(*)::int as missing from consent
      where given_by_user_id is null and (proof is null or given_by_name = '' or recorded_by_user_id is null)`);
    expect(paper!.missing).toBe(0);
  });

  it('gives every pupil at level 3 or 4 one active plan; level 4 an OPP the parents agreed to (docs/domain.md)', async () => {
    const [plans] = await rowsOf<{
      needing: number;
      without: number;
      twoActive: number;
      oppLevel4: number;
      level4: number;
    }>(sql`
      select
        (select count(*)::int from student where support_level >= 3) as needing,
        (select count(*)::int from student s where s.support_level >= 3 and not exists
          (select 1 from plan p where p.student_id = s.id and p.status = 'active')) as without,
        (select count(*)::int from (select student_id from plan where status = 'active'
          group by student_id having count(*) > 1) x) as "twoActive",
        (select count(*)::int from student s join plan p on p.student_id = s.id and p.status = 'active'
          where s.support_level = 4 and p.has_development_perspective) as "oppLevel4",
        (select count(*)::int from student where support_level = 4) as level4`);
    expect(plans!.needing).toBeGreaterThan(100);
    expect(plans).toMatchObject({ without: 0, twoActive: 0, oppLevel4: plans!.level4 });
    // The level-4 rule holds for every level-4 pupil: each parent's latest response agrees.
    const responses = await rowsOf<{
      student_id: string;
      parent_user_id: string | null;
      parent_name: string;
      agrees: boolean;
      responded_at: string;
    }>(sql`
      select p.student_id, r.parent_user_id, r.parent_name, r.agrees, r.responded_at::text
      from plan p join student s on s.id = p.student_id
      join plan_parent_response r on r.plan_id = p.id
      where p.status = 'active' and s.support_level = 4`);
    const byChild = new Map<string, typeof responses>();
    for (const r of responses) byChild.set(r.student_id, [...(byChild.get(r.student_id) ?? []), r]);
    expect(byChild.size).toBe(plans!.level4);
    for (const rows of byChild.values()) {
      const facts = rows.map((r) => ({
        parentUserId: r.parent_user_id,
        parentName: r.parent_name,
        agrees: r.agrees,
        respondedAt: new Date(r.responded_at),
      }));
      expect(parentAgreementOf(facts)).toBe('agreed');
    }
    // Every answer keeps the action part it answered, and it is the plan's own (nothing changed since).
    const [answers] = await rowsOf<{ total: number; otherText: number; amended: number }>(sql`
      select count(*)::int as total,
        count(*) filter (where r.action_part <> jsonb_build_object(
          'hasDevelopmentPerspective', p.has_development_perspective,
          'programmeDeviations', case when p.has_development_perspective then p.programme_deviations else '' end,
          'goals', coalesce((select jsonb_agg(jsonb_build_object('id', g.id, 'description', g.description,
            'baseline', g.baseline, 'target', g.target, 'targetDate', g.target_date) order by g.position)
            from plan_goal g where g.plan_id = p.id), '[]'::jsonb),
          'agreements', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'action', a.action,
            'owner', a.owner, 'partnerOrganisationId', a.partner_organisation_id, 'dueOn', a.due_on)
            order by a.position) from plan_agreement a where a.plan_id = p.id), '[]'::jsonb)))::int as "otherText",
        count(*) filter (where r.amendment <> 0 or p.amendment <> 0)::int as amended
      from plan_parent_response r join plan p on p.id = r.plan_id`);
    expect(answers!.total).toBeGreaterThan(0);
    expect(answers).toMatchObject({ otherText: 0, amended: 0 });
    // Every plan has a goal, and an evaluated version stays next to its successor.
    const [shape] = await rowsOf<{ withoutGoal: number; closed: number; oppTooLate: number }>(sql`
      select
        (select count(*)::int from plan p where not exists (select 1 from plan_goal g where g.plan_id = p.id)) as "withoutGoal",
        (select count(*)::int from plan where status = 'closed') as closed,
        (select count(*)::int from plan p where p.status = 'active' and p.has_development_perspective
          and p.evaluation_due_on > (coalesce((select q.evaluated_on from plan q where q.student_id = p.student_id
            and q.version = p.version - 1), p.created_at::date) + interval '12 months')) as "oppTooLate"`);
    expect(shape!.withoutGoal).toBe(0);
    expect(shape!.closed).toBeGreaterThan(0);
    expect(shape!.oppTooLate).toBe(0);
  });

  it("gives the demo parent's younger child a plan with an agreement the demo buurtteam carries out", async () => {
    const agreements = await rowsOf<{
      code: string;
      owner: string;
      partner: string | null;
      consented: boolean;
    }>(sql`
      select v.register_code as code, a.owner, a.partner_organisation_id::text as partner,
        exists (select 1 from consent c where c.student_id = p.student_id
          and c.partner_organisation_id = a.partner_organisation_id) as consented
      from app_user u join student_guardian g on g.user_id = u.id
      join plan p on p.student_id = g.student_id and p.status = 'active'
      join plan_agreement a on a.plan_id = p.id and a.owner = 'buurtteam'
      join swv v on v.id = u.swv_id
      where u.email like 'ouder@%' order by v.register_code`);
    expect(agreements.map((a) => [a.code, a.consented])).toEqual([
      ['PO 26.01', true],
      ['PO 26.04', true],
      ['VO 26.01', true],
    ]);
  });

  it('gives each SWV its region’s school holidays of this and next school year; Passenderwijs skips them', async () => {
    const swvs = await rowsOf<{
      code: string;
      region: string;
      skips: boolean;
      years: string[];
      holidays: number;
    }>(sql`
      select v.register_code as code, v.holiday_region as region, v.skip_school_holidays as skips,
        array_agg(distinct h.school_year order by h.school_year) as years, count(h.id)::int as holidays
      from swv v join school_holiday h on h.swv_id = v.id
      group by v.id order by v.register_code`);
    expect(swvs).toEqual([
      { code: 'PO 26.01', region: 'midden', skips: false, years: ['2026-2027', '2027-2028'], holidays: 10 },
      { code: 'PO 26.04', region: 'midden', skips: true, years: ['2026-2027', '2027-2028'], holidays: 10 },
      { code: 'VO 26.01', region: 'midden', skips: false, years: ['2026-2027', '2027-2028'], holidays: 10 },
    ]);
    const [autumn] = await rowsOf<{ first: string; last: string }>(sql`
      select h.first_day::text as first, h.last_day::text as last from school_holiday h
      join swv v on v.id = h.swv_id
      where v.register_code = 'PO 26.04' and h.school_year = '2027-2028' and h.name = 'Herfstvakantie'`);
    expect(autumn).toEqual({ first: '2027-10-16', last: '2027-10-24' });
  });

  it('holds published school holidays that pass the administrator’s own rules, in every region', () => {
    for (const region of ['noord', 'midden', 'zuid'] as const) {
      const rows = schoolHolidaysOf(region);
      for (const schoolYear of Object.keys(publishedSchoolHolidays)) {
        const holidays = rows.filter((row) => row.schoolYear === schoolYear);
        expect(
          holidays.map((holiday) => holiday.name),
          `${region} ${schoolYear}`,
        ).toEqual(['Herfstvakantie', 'Kerstvakantie', 'Voorjaarsvakantie', 'Meivakantie', 'Zomervakantie']);
        expect(schoolHolidaysRefusal(schoolYear, holidays), `${region} ${schoolYear}`).toBeNull();
      }
    }
  });

  it('reports that the database has SWVs once seeded', async () => {
    expect(await hasAnySwv(first)).toBe(true);
  });

  it('has about 30 children at home in the Utrecht SWV, some past the red line, and watches', async () => {
    const [utrecht] = await rowsOf<{
      open: number;
      absolute: number;
      relative: number;
      exemption: number;
      students: number;
      watches: number;
      ladder: number;
    }>(sql`
      select count(*) filter (where c.ended_on is null)::int as open,
        count(*) filter (where c.ended_on is null and c.kind = 'absolute')::int as absolute,
        count(*) filter (where c.ended_on is null and c.kind = 'relative_long')::int as relative,
        count(*) filter (where c.ended_on is null and c.kind = 'exemption')::int as exemption,
        count(c.student_id)::int as students,
        (select count(*)::int from absence_watch w where w.swv_id = v.id) as watches,
        (select count(*)::int from absence_ladder l where l.swv_id = v.id) as ladder
      from absence_case c join swv v on v.id = c.swv_id where v.register_code = 'PO 26.01' group by v.id`);
    expect(utrecht!.open).toBe(30);
    expect(utrecht!.absolute).toBeGreaterThan(3);
    expect(utrecht!.relative).toBeGreaterThan(8);
    expect(utrecht!.exemption).toBeGreaterThan(4);
    expect(utrecht!.watches).toBe(3);
    expect(utrecht!.ladder).toBe(2);
    // Absolute absence has no student record: the case holds the child's own data.
    const [orphans] = await rowsOf<{ n: number }>(sql`
      select count(*)::int as n from absence_case where kind = 'absolute' and student_id is not null`);
    expect(orphans!.n).toBe(0);
    // Some are past the red line: 3 months or more at home and no offer.
    const [redLine] = await rowsOf<{ n: number }>(sql`
      select count(*)::int as n from absence_case c where c.ended_on is null and c.kind <> 'exemption'
        and c.started_on <= current_date - interval '3 months'
        and not exists (select 1 from absence_offer o where o.case_id = c.id)`);
    expect(redLine!.n).toBeGreaterThan(0);
  });
});

describe('the Utrecht-like SWV’s history (the monitor’s trends)', () => {
  it('holds pupils on 1 October, decided requests, children at home and objections in the three years before', async () => {
    const perYear = await rowsOf<{
      year: number;
      pupils: number;
      decided: number;
      atHome: number;
      objections: number;
    }>(sql`
      with utrecht as (select id from swv where register_code = 'PO 26.01'), y(year) as (values (2023), (2024), (2025))
      select y.year,
        (select count(*)::int from enrolment e where e.swv_id = (select id from utrecht)
          and e.started_on <= make_date(y.year, 10, 1) and (e.ended_on is null or e.ended_on > make_date(y.year, 10, 1))) as pupils,
        (select count(*)::int from support_request r where r.swv_id = (select id from utrecht)
          and r.decided_on between make_date(y.year, 8, 1) and make_date(y.year + 1, 7, 31)) as decided,
        (select count(*)::int from absence_case c where c.swv_id = (select id from utrecht)
          and c.started_on between make_date(y.year, 8, 1) and make_date(y.year + 1, 7, 31)) as "atHome",
        (select count(*)::int from objection o where o.swv_id = (select id from utrecht)
          and o.received_on between make_date(y.year, 8, 1) and make_date(y.year + 1, 7, 31)) as objections
      from y order by y.year`);
    expect(perYear.map((row) => row.year)).toEqual([2023, 2024, 2025]);
    for (const row of perYear) {
      expect(row.pupils).toBeGreaterThan(100);
      expect(row.decided).toBeGreaterThanOrEqual(40);
      expect(row.atHome).toBeGreaterThanOrEqual(5);
      expect(row.objections).toBeGreaterThan(0);
    }
    // More pupils each year in regular schools: the count grows towards this year's.
    expect(perYear[0]!.pupils).toBeLessThan(perYear[2]!.pupils);
  });

  it('holds moves back to regular school, moves open with risks on 31 July, waits on 1 October and pupils’ answers in each of those years', async () => {
    const perYear = await rowsOf<{
      year: number;
      returns: number;
      openRisks: number;
      waiting: number;
      placed: number;
      pupils: number;
      parents: number;
    }>(sql`
      with utrecht as (select id from swv where register_code = 'PO 26.01'), y(year) as (values (2023), (2024), (2025))
      select y.year,
        (select count(*)::int from transition m where m.swv_id = (select id from utrecht) and m.move_kind = 'to_regular'
          and m.outcome = 'placed' and m.started_on between make_date(y.year, 8, 1) and make_date(y.year + 1, 7, 31)) as returns,
        (select count(*)::int from transition m where m.swv_id = (select id from utrecht) and cardinality(m.risk_flags) > 0
          and m.moves_on between make_date(y.year, 8, 1) and make_date(y.year + 1, 7, 31)
          and m.handed_over_on <= make_date(y.year + 1, 7, 31) and m.decided_on > make_date(y.year + 1, 7, 31)) as "openRisks",
        (select count(*)::int from waiting_entry w where w.swv_id = (select id from utrecht)
          and w.since <= make_date(y.year, 10, 1) and w.ended_on > make_date(y.year, 10, 1)) as waiting,
        (select count(*)::int from waiting_entry w where w.swv_id = (select id from utrecht) and w.ending = 'placed'
          and w.ended_on between make_date(y.year, 8, 1) and make_date(y.year + 1, 7, 31)) as placed,
        (select count(*)::int from survey_response r where r.swv_id = (select id from utrecht) and r.respondent = 'pupil'
          and r.school_year = y.year || '-' || (y.year + 1)) as pupils,
        (select count(*)::int from survey_response r where r.swv_id = (select id from utrecht) and r.respondent = 'parent'
          and r.school_year = y.year || '-' || (y.year + 1)) as parents
      from y order by y.year`);
    for (const row of perYear) {
      for (const key of ['returns', 'openRisks', 'waiting', 'placed', 'pupils', 'parents'] as const)
        expect(row[key], `${row.year} ${key}`).toBeGreaterThanOrEqual(5);
    }
    // The waiting list grows towards this year; fewer moves are left open with risks.
    expect(perYear[0]!.waiting).toBeLessThan(perYear[2]!.waiting);
    expect(perYear[0]!.openRisks).toBeGreaterThan(perYear[2]!.openRisks);
  });
});
