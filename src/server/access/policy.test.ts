// The policy as a table of cases (docs/domain.md): who may do what with a child's file, by relation.
import { describe, expect, it } from 'vitest';
import { notOnCaseTeam } from '../../domain/caseTeam.ts';
import type { Actor, Membership } from './actor.ts';
import {
  type AbsencePart,
  type Action,
  can,
  type RequestPart,
  type Resource,
  type StudentFacts,
  studentListScope,
} from './policy.ts';

const swv = 'swv-a';
const school = 'school-1';
const child = (facts: Partial<StudentFacts> = {}): StudentFacts => ({
  swvId: swv,
  schoolId: school,
  groupName: '5A',
  isGuardian: false,
  caseTeam: notOnCaseTeam,
  consentedPartnerOrganisationIds: [],
  ...facts,
});
/** The case team covers the organisation `bt` (not the person): a partner of `bt` is on the case. */
const btOnCase = { inPerson: false, partnerOrganisationIds: ['bt'] };
const actor = (
  membership: Partial<Membership> & Pick<Membership, 'role'>,
  extra: Partial<Actor> = {},
): Actor => ({
  userId: 'u',
  swvId: membership.role === 'operator' ? null : swv,
  memberships: [{ schoolId: null, groups: [], partnerOrganisationId: null, ...membership }],
  teamSchoolIds: [],
  attendanceMunicipalities: [],
  ...extra,
});

const cases: Array<[string, Actor, 'read' | 'update', StudentFacts, boolean]> = [
  ['IB of the school reads', actor({ role: 'school_ib', schoolId: school }), 'read', child(), true],
  ['IB of the school edits', actor({ role: 'school_ib', schoolId: school }), 'update', child(), true],
  ['IB of another school', actor({ role: 'school_ib', schoolId: 'school-2' }), 'read', child(), false],
  [
    'IB of the same school id in another SWV',
    actor({ role: 'school_ib', schoolId: school }),
    'read',
    child({ swvId: 'swv-b' }),
    false,
  ],
  ['director reads', actor({ role: 'school_director', schoolId: school }), 'read', child(), true],
  ['director does not edit', actor({ role: 'school_director', schoolId: school }), 'update', child(), false],
  [
    'teacher of the group',
    actor({ role: 'teacher', schoolId: school, groups: ['5A'] }),
    'read',
    child(),
    true,
  ],
  [
    'teacher of another group',
    actor({ role: 'teacher', schoolId: school, groups: ['6B'] }),
    'read',
    child(),
    false,
  ],
  [
    'consultant of the team',
    actor({ role: 'consultant' }, { teamSchoolIds: [school] }),
    'update',
    child(),
    true,
  ],
  [
    'consultant of another team',
    actor({ role: 'consultant' }, { teamSchoolIds: ['school-9'] }),
    'read',
    child(),
    false,
  ],
  [
    'partner, case member, with consent',
    actor({ role: 'partner', partnerOrganisationId: 'bt' }),
    'read',
    child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] }),
    true,
  ],
  [
    'partner, case member, consent for another partner',
    actor({ role: 'partner', partnerOrganisationId: 'bt' }),
    'read',
    child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['jgz'] }),
    false,
  ],
  [
    'partner with consent but not on the case',
    actor({ role: 'partner', partnerOrganisationId: 'bt' }),
    'read',
    child({ consentedPartnerOrganisationIds: ['bt'] }),
    false,
  ],
  [
    'partner on the case in person, with consent for their organisation',
    actor({ role: 'partner', partnerOrganisationId: 'bt' }),
    'read',
    child({
      caseTeam: { inPerson: true, partnerOrganisationIds: [] },
      consentedPartnerOrganisationIds: ['bt'],
    }),
    true,
  ],
  [
    // One organisation's place on the team never combines with another's consent (probe finding 04).
    'partner of two organisations: one on the case, the other with consent',
    actor(
      { role: 'partner', partnerOrganisationId: 'bt' },
      {
        memberships: [
          { role: 'partner', schoolId: null, groups: [], partnerOrganisationId: 'bt' },
          { role: 'partner', schoolId: null, groups: [], partnerOrganisationId: 'jgz' },
        ],
      },
    ),
    'read',
    child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['jgz'] }),
    false,
  ],
  [
    'partner of two organisations: the one on the case has consent',
    actor(
      { role: 'partner', partnerOrganisationId: 'jgz' },
      {
        memberships: [
          { role: 'partner', schoolId: null, groups: [], partnerOrganisationId: 'jgz' },
          { role: 'partner', schoolId: null, groups: [], partnerOrganisationId: 'bt' },
        ],
      },
    ),
    'read',
    child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] }),
    true,
  ],
  [
    'partner never edits the child',
    actor({ role: 'partner', partnerOrganisationId: 'bt' }),
    'update',
    child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] }),
    false,
  ],
  ['parent of the child', actor({ role: 'parent' }), 'read', child({ isGuardian: true }), true],
  ['parent of another child', actor({ role: 'parent' }), 'read', child(), false],
  ['SWV administrator: no child data by default', actor({ role: 'swv_admin' }), 'read', child(), false],
  ['policy staff: aggregates only', actor({ role: 'policy' }), 'read', child(), false],
  ['operator: never child data', actor({ role: 'operator' }), 'read', child(), false],
];

describe('can(actor, action, child)', () => {
  it.each(cases)('%s', (_name, who, action, facts, allowed) => {
    expect(can(who, action, { type: 'student', student: facts }).allowed).toBe(allowed);
  });

  it('names the relation that allowed access, for the access log', () => {
    const decision = can(actor({ role: 'school_ib', schoolId: school }), 'read', {
      type: 'student',
      student: child(),
    });
    expect(decision).toEqual({
      allowed: true,
      role: 'school_ib',
      organisation: `school:${school}`,
      purpose: 'IB’er of the school',
    });
  });

  const partnerOnCase = child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] });
  const buurtteam = actor({ role: 'partner', partnerOrganisationId: 'bt' });
  const document =
    (classification: 'ordinary' | 'medical_psychological', sharedWithParents = false) =>
    (student: StudentFacts): Resource => ({ type: 'document', student, classification, sharedWithParents });
  const parts: Array<[string, Actor, Action, Resource, boolean]> = [
    [
      'IB’er edits the plan',
      actor({ role: 'school_ib', schoolId: school }),
      'update',
      { type: 'plan', student: child() },
      true,
    ],
    [
      'teacher of the group edits the plan',
      actor({ role: 'teacher', schoolId: school, groups: ['5A'] }),
      'update',
      { type: 'plan', student: child() },
      true,
    ],
    [
      'teacher of another group does not',
      actor({ role: 'teacher', schoolId: school, groups: ['6B'] }),
      'update',
      { type: 'plan', student: child() },
      false,
    ],
    [
      'director reads but does not edit the plan',
      actor({ role: 'school_director', schoolId: school }),
      'update',
      { type: 'plan', student: child() },
      false,
    ],
    [
      'partner with consent reads the plan',
      buurtteam,
      'read',
      { type: 'plan', student: partnerOnCase },
      true,
    ],
    [
      'partner does not edit the plan as a whole',
      buurtteam,
      'update',
      { type: 'plan', student: partnerOnCase },
      false,
    ],
    [
      'partner updates their own agreement',
      buurtteam,
      'update',
      { type: 'plan_agreement', student: partnerOnCase, partnerOrganisationId: 'bt' },
      true,
    ],
    [
      'partner not another organisation’s agreement',
      buurtteam,
      'update',
      { type: 'plan_agreement', student: partnerOnCase, partnerOrganisationId: 'jgz' },
      false,
    ],
    [
      'partner without consent not even their own',
      buurtteam,
      'update',
      { type: 'plan_agreement', student: child({ caseTeam: btOnCase }), partnerOrganisationId: 'bt' },
      false,
    ],
    [
      'only IB’er and consultant set the support level',
      actor({ role: 'teacher', schoolId: school, groups: ['5A'] }),
      'update',
      { type: 'support_level', student: child() },
      false,
    ],
    [
      'consultant sets the support level',
      actor({ role: 'consultant' }, { teamSchoolIds: [school] }),
      'update',
      { type: 'support_level', student: child() },
      true,
    ],
    [
      'IB’er reads a medical-psychological report',
      actor({ role: 'school_ib', schoolId: school }),
      'read',
      document('medical_psychological')(child()),
      true,
    ],
    [
      'director does not',
      actor({ role: 'school_director', schoolId: school }),
      'read',
      document('medical_psychological')(child()),
      false,
    ],
    [
      'partner with consent reads an ordinary report',
      buurtteam,
      'read',
      document('ordinary')(partnerOnCase),
      true,
    ],
    [
      'partner with consent not a medical one',
      buurtteam,
      'read',
      document('medical_psychological')(partnerOnCase),
      false,
    ],
    [
      'parent reads a report shared with them',
      actor({ role: 'parent' }),
      'read',
      document('ordinary', true)(child({ isGuardian: true })),
      true,
    ],
    [
      'parent not one that was not shared',
      actor({ role: 'parent' }),
      'read',
      document('ordinary')(child({ isGuardian: true })),
      false,
    ],
    [
      'IB’er corrects a document’s sharing or classification',
      actor({ role: 'school_ib', schoolId: school }),
      'update',
      document('medical_psychological')(child()),
      true,
    ],
    [
      'IB’er of another school does not',
      actor({ role: 'school_ib', schoolId: 'school-2' }),
      'update',
      document('ordinary')(child()),
      false,
    ],
    [
      'consultant of the team corrects a document',
      actor({ role: 'consultant' }, { teamSchoolIds: [school] }),
      'update',
      document('ordinary', true)(child()),
      true,
    ],
    [
      'consultant of another team does not',
      actor({ role: 'consultant' }, { teamSchoolIds: ['school-9'] }),
      'update',
      document('ordinary')(child()),
      false,
    ],
    [
      'director does not change a document',
      actor({ role: 'school_director', schoolId: school }),
      'update',
      document('ordinary')(child()),
      false,
    ],
    [
      'teacher of the group does not change a document',
      actor({ role: 'teacher', schoolId: school, groups: ['5A'] }),
      'update',
      document('ordinary')(child()),
      false,
    ],
    [
      'partner with consent does not change a document',
      buurtteam,
      'update',
      document('ordinary')(partnerOnCase),
      false,
    ],
    [
      'parent does not change a document shared with them',
      actor({ role: 'parent' }),
      'update',
      document('ordinary', true)(child({ isGuardian: true })),
      false,
    ],
    [
      'parent agrees with their child’s plan',
      actor({ role: 'parent' }),
      'create',
      { type: 'plan_response', student: child({ isGuardian: true }) },
      true,
    ],
    [
      'parent not with another child’s plan',
      actor({ role: 'parent' }),
      'create',
      { type: 'plan_response', student: child() },
      false,
    ],
    [
      'parent withdraws consent',
      actor({ role: 'parent' }),
      'update',
      { type: 'consent', student: child({ isGuardian: true }) },
      true,
    ],
    ['partner does not read consents', buurtteam, 'read', { type: 'consent', student: partnerOnCase }, false],
    [
      'parent does not read case meetings (internal notes)',
      actor({ role: 'parent' }),
      'read',
      { type: 'case_meeting', student: child({ isGuardian: true }) },
      false,
    ],
  ];

  it.each(parts)('%s', (_name, who, action, resource, allowed) => {
    expect(can(who, action, resource).allowed).toBe(allowed);
  });

  it('denies what no rule names (deny by default)', () => {
    expect(
      can(actor({ role: 'school_ib', schoolId: school }), 'manage', { type: 'swv', swvId: swv }).allowed,
    ).toBe(false);
    expect(
      can(actor({ role: 'parent' }), 'read', { type: 'school', swvId: swv, schoolId: school }).allowed,
    ).toBe(false);
  });
});

describe('the case team', () => {
  const ib = actor({ role: 'school_ib', schoolId: school });
  const consultant = actor({ role: 'consultant' }, { teamSchoolIds: [school] });
  const otherConsultant = actor({ role: 'consultant' }, { teamSchoolIds: ['school-2'] });
  const teacher = actor({ role: 'teacher', schoolId: school, groups: ['5A'] });
  const partner = actor({ role: 'partner', partnerOrganisationId: 'bt' });
  const parent = actor({ role: 'parent' });
  const team = (student: StudentFacts): Resource => ({ type: 'case_team', student });
  const cases: Array<[string, Actor, Action, StudentFacts, boolean]> = [
    ['the IB’er of the school adds', ib, 'create', child(), true],
    ['the IB’er of the school ends', ib, 'update', child(), true],
    ['the consultant of the school’s team adds', consultant, 'create', child(), true],
    ['a consultant of another team', otherConsultant, 'create', child(), false],
    [
      'the director reads but does not manage',
      actor({ role: 'school_director', schoolId: school }),
      'create',
      child(),
      false,
    ],
    ['a teacher of the group does not read it', teacher, 'read', child(), false],
    ['a parent reads their child’s team', parent, 'read', child({ isGuardian: true }), true],
    ['a parent does not manage it', parent, 'create', child({ isGuardian: true }), false],
    [
      'a partner on the case with consent reads it',
      partner,
      'read',
      child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] }),
      true,
    ],
    ['a partner on the case without consent does not', partner, 'read', child({ caseTeam: btOnCase }), false],
    [
      'a partner never manages it',
      partner,
      'create',
      child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] }),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, who, action, student, allowed) => {
    expect(can(who, action, team(student)).allowed).toBe(allowed);
  });
});

describe('the staff’s note on a child’s wait', () => {
  const sbo = 'school-sbo';
  const wait = (type: 'waiting_entry' | 'waiting_note', student = child()): Resource => ({
    type,
    student,
    waitSchoolId: sbo,
  });
  const guardian = child({ isGuardian: true });
  const cases: Array<[string, Actor, Resource, boolean]> = [
    // Probe finding 09: the parents read since when, where, promised, not the note.
    ['the parents read the wait', actor({ role: 'parent' }), wait('waiting_entry', guardian), true],
    ['but not its note', actor({ role: 'parent' }), wait('waiting_note', guardian), false],
    [
      'the consultant of the team reads it',
      actor({ role: 'consultant' }, { teamSchoolIds: [school] }),
      wait('waiting_note'),
      true,
    ],
    ['the committee reads it', actor({ role: 'committee' }), wait('waiting_note'), true],
    [
      'the IB’er of the child’s school',
      actor({ role: 'school_ib', schoolId: school }),
      wait('waiting_note'),
      true,
    ],
    [
      'the director of the school waited for',
      actor({ role: 'school_director', schoolId: sbo }),
      wait('waiting_note'),
      true,
    ],
    [
      'not an IB’er of another school',
      actor({ role: 'school_ib', schoolId: 'school-2' }),
      wait('waiting_note'),
      false,
    ],
    [
      'not a partner, who does not read waits',
      actor({ role: 'partner', partnerOrganisationId: 'bt' }),
      wait('waiting_note', child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] })),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, who, resource, allowed) => {
    expect(can(who, 'read', resource).allowed).toBe(allowed);
  });
});

describe('a draft request stays with the school (docs/SECURITY.md C1)', () => {
  const request = (type: RequestPart['type'], draft: boolean, student = child()): RequestPart => ({
    type,
    swvId: swv,
    schoolId: school,
    student,
    decidedBy: 'committee',
    draft,
  });
  const ib = actor({ role: 'school_ib', schoolId: school });
  const consultant = actor({ role: 'consultant' }, { teamSchoolIds: [school] });
  const committee = actor({ role: 'committee' });
  const parent = actor({ role: 'parent' });
  const guardian = child({ isGuardian: true });
  const cases: Array<[string, Actor, Action, RequestPart, boolean]> = [
    ['the IB’er reads and edits it', ib, 'update', request('request', true), true],
    [
      'the director reads it',
      actor({ role: 'school_director', schoolId: school }),
      'read',
      request('request', true),
      true,
    ],
    [
      'the IB’er of another school does not',
      actor({ role: 'school_ib', schoolId: 'school-2' }),
      'read',
      request('request', true),
      false,
    ],
    // Probe finding 03: read by id by the parent, the consultant and the committee.
    ['the consultant does not read it', consultant, 'read', request('request', true), false],
    ['nor handles it', consultant, 'update', request('request_handling', true), false],
    ['the committee does not read it', committee, 'read', request('request', true), false],
    ['nor decides it', committee, 'create', request('request_decision', true), false],
    ['the parents do not read it', parent, 'read', request('request', true, guardian), false],
    ['nor give their view on it', parent, 'create', request('request_parents_view', true, guardian), false],
    ['once submitted the consultant reads it', consultant, 'read', request('request', false), true],
    ['and the parents', parent, 'read', request('request', false, guardian), true],
    [
      'a consultant who is director of the school reads it only as director',
      actor(
        { role: 'consultant' },
        {
          teamSchoolIds: [school],
          memberships: [
            { role: 'consultant', schoolId: null, groups: [], partnerOrganisationId: null },
            { role: 'school_director', schoolId: school, groups: [], partnerOrganisationId: null },
          ],
        },
      ),
      'update',
      request('request_handling', true),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, who, action, part, allowed) => {
    expect(can(who, action, part).allowed).toBe(allowed);
  });
});

describe('the experts’ advice and the staff’s notes on a request (docs/SECURITY.md C6)', () => {
  const part = (type: RequestPart['type'], student = child()): RequestPart => ({
    type,
    swvId: swv,
    schoolId: school,
    student,
    decidedBy: 'committee',
    draft: false,
  });
  const guardian = child({ isGuardian: true });
  const partnerCase = child({ caseTeam: btOnCase, consentedPartnerOrganisationIds: ['bt'] });
  const partner = actor({ role: 'partner', partnerOrganisationId: 'bt' });
  const director = actor({ role: 'school_director', schoolId: school });
  const readers: Array<[string, Actor, StudentFacts]> = [
    [
      'the consultant of the school’s team',
      actor({ role: 'consultant' }, { teamSchoolIds: [school] }),
      child(),
    ],
    ['the committee', actor({ role: 'committee' }), child()],
    ['the IB’er of the school', actor({ role: 'school_ib', schoolId: school }), child()],
  ];
  // Probe finding 31: the parent, the partner with consent and the director read both texts.
  const others: Array<[string, Actor, StudentFacts]> = [
    ['the parents', actor({ role: 'parent' }), guardian],
    ['a partner on the case team with consent', partner, partnerCase],
    ['the director of the school', director, child()],
    ['a consultant of another team', actor({ role: 'consultant' }, { teamSchoolIds: ['school-2'] }), child()],
    ['the IB’er of another school', actor({ role: 'school_ib', schoolId: 'school-2' }), child()],
    ['a teacher of the child’s group', actor({ role: 'teacher', schoolId: school, groups: ['5A'] }), child()],
  ];
  it.each(readers)('%s reads the advice’s text and the notes', (_name, who, student) => {
    expect(can(who, 'read', part('request_advice', student)).allowed).toBe(true);
    expect(can(who, 'read', part('request_note', student)).allowed).toBe(true);
  });
  it.each(others)('%s reads neither', (_name, who, student) => {
    expect(can(who, 'read', part('request_advice', student)).allowed).toBe(false);
    expect(can(who, 'read', part('request_note', student)).allowed).toBe(false);
  });
  it('mirrors the documents: who reads the advice’s text reads a medical-psychological report', () => {
    const report: Resource = {
      type: 'document',
      student: child(),
      classification: 'medical_psychological',
      sharedWithParents: false,
    };
    for (const [, who] of [...readers.filter(([, w]) => w.memberships[0]!.role !== 'committee'), ...others]) {
      expect(can(who, 'read', part('request_advice')).allowed).toBe(can(who, 'read', report).allowed);
    }
  });
  it('leaves the request and its decision to the parents, the partner and the director', () => {
    expect(can(actor({ role: 'parent' }), 'read', part('request', guardian)).allowed).toBe(true);
    expect(can(partner, 'read', part('request', partnerCase)).allowed).toBe(true);
    expect(can(director, 'read', part('request')).allowed).toBe(true);
  });
  it('keeps a draft’s notes with the school', () => {
    const draftNote: RequestPart = { ...part('request_note'), draft: true };
    expect(can(actor({ role: 'school_ib', schoolId: school }), 'read', draftNote).allowed).toBe(true);
    expect(can(actor({ role: 'committee' }), 'read', draftNote).allowed).toBe(false);
  });
});

describe('which of a school’s children a list shows', () => {
  it('shows the IB’er, the director and the team’s consultant every child of the school', () => {
    for (const who of [
      actor({ role: 'school_ib', schoolId: school }),
      actor({ role: 'school_director', schoolId: school }),
      actor({ role: 'consultant' }, { teamSchoolIds: [school] }),
    ]) {
      expect(studentListScope(who, swv, school)).toEqual({ allGroups: true });
    }
  });
  it('shows a teacher the groups they teach at that school only', () => {
    const teacher = actor(
      { role: 'teacher', schoolId: school, groups: ['7B', '5A'] },
      {
        memberships: [
          { role: 'teacher', schoolId: school, groups: ['7B', '5A'], partnerOrganisationId: null },
          { role: 'teacher', schoolId: 'school-2', groups: ['8C'], partnerOrganisationId: null },
          { role: 'parent', schoolId: null, groups: [], partnerOrganisationId: null },
        ],
      },
    );
    expect(studentListScope(teacher, swv, school)).toEqual({ allGroups: false, groups: ['5A', '7B'] });
    expect(studentListScope(teacher, swv, 'school-2')).toEqual({ allGroups: false, groups: ['8C'] });
    expect(studentListScope(teacher, 'swv-b', school)).toEqual({ allGroups: false, groups: [] });
  });
  it('shows a partner or a parent no school’s children', () => {
    for (const who of [actor({ role: 'partner', partnerOrganisationId: 'bt' }), actor({ role: 'parent' })]) {
      expect(studentListScope(who, swv, school)).toEqual({ allGroups: false, groups: [] });
    }
  });
});

describe('children at home (docs/domain.md, "Children at home")', () => {
  const absenceCase = (facts: Partial<AbsencePart> = {}): Resource => ({
    type: 'absence_case',
    swvId: swv,
    schoolId: school,
    municipality: 'Utrecht',
    student: child(),
    involvedUserIds: [],
    ...facts,
  });
  const officer = actor(
    { role: 'partner', partnerOrganisationId: 'lp' },
    { attendanceMunicipalities: [{ partnerOrganisationId: 'lp', municipality: 'Utrecht' }] },
  );

  it('lets leerplicht work the cases of children resident in its municipality, without consent', () => {
    const decision = can(officer, 'update', absenceCase());
    expect(decision).toMatchObject({ allowed: true, purpose: expect.stringContaining('legal task') });
    expect(can(officer, 'create', absenceCase({ schoolId: null, student: null })).allowed).toBe(true);
    expect(can(officer, 'read', absenceCase({ municipality: 'Nieuwegein' })).allowed).toBe(false);
    // The rest of the child's file stays closed without case membership and consent.
    expect(can(officer, 'read', { type: 'student', student: child() }).allowed).toBe(false);
    // A buurtteam partner reaches no case.
    expect(can(actor({ role: 'partner', partnerOrganisationId: 'bt' }), 'read', absenceCase()).allowed).toBe(
      false,
    );
  });

  it('gives a case without a school to every consultant, and one with a school to its team', () => {
    const consultant = actor({ role: 'consultant' }, { teamSchoolIds: ['school-2'] });
    expect(can(consultant, 'read', absenceCase()).allowed).toBe(false);
    expect(can(consultant, 'read', absenceCase({ schoolId: null, student: null })).allowed).toBe(true);
    expect(can(consultant, 'read', absenceCase({ involvedUserIds: ['u'] })).allowed).toBe(true);
  });

  it('lets the ladder’s people and the parents read, and the committee and policy staff count only', () => {
    expect(can(actor({ role: 'committee' }), 'read', absenceCase()).allowed).toBe(false);
    expect(can(actor({ role: 'committee' }), 'read', absenceCase({ involvedUserIds: ['u'] })).allowed).toBe(
      true,
    );
    expect(can(actor({ role: 'policy' }), 'read', absenceCase({ involvedUserIds: ['u'] })).allowed).toBe(
      false,
    );
    expect(can(actor({ role: 'policy' }), 'read', { type: 'absence_figures', swvId: swv }).allowed).toBe(
      true,
    );
    expect(
      can(actor({ role: 'parent' }), 'read', absenceCase({ student: child({ isGuardian: true }) })).allowed,
    ).toBe(true);
    expect(
      can(actor({ role: 'parent' }), 'update', absenceCase({ student: child({ isGuardian: true }) })).allowed,
    ).toBe(false);
  });
});

// docs/SECURITY.md A4: the operator reads one child's file only through an open break-glass window.
describe('break-glass access', () => {
  const operator = actor({ role: 'operator' });
  const opened = child({ breakGlass: { windowId: 'w', reason: 'Storingsmelding 4412: plan opent niet' } });

  it('lets the operator read the file through an open window, flagged, with the reason as purpose', () => {
    for (const type of ['student', 'plan', 'case_team', 'case_meeting', 'consent'] as const) {
      expect(can(operator, 'read', { type, student: opened })).toEqual({
        allowed: true,
        role: 'operator',
        organisation: 'operator',
        purpose: 'break-glass: Storingsmelding 4412: plan opent niet',
        breakGlass: true,
      });
    }
  });

  it('allows no change, no document, not the access log, and nothing without a window', () => {
    expect(can(operator, 'update', { type: 'student', student: opened }).allowed).toBe(false);
    expect(can(operator, 'update', { type: 'plan', student: opened }).allowed).toBe(false);
    expect(can(operator, 'create', { type: 'case_meeting', student: opened }).allowed).toBe(false);
    expect(can(operator, 'read', { type: 'access_log', student: opened }).allowed).toBe(false);
    for (const classification of ['ordinary', 'medical_psychological'] as const) {
      expect(
        can(operator, 'read', { type: 'document', student: opened, classification, sharedWithParents: true })
          .allowed,
      ).toBe(false);
    }
    expect(can(operator, 'read', { type: 'student', student: child() }).allowed).toBe(false);
    expect(can(operator, 'read', { type: 'student', student: child({ breakGlass: null }) }).allowed).toBe(
      false,
    );
  });

  it('gives nobody but the operator anything through a window', () => {
    const admin = actor({ role: 'swv_admin' }, { swvId: 'swv-b' });
    expect(can(admin, 'read', { type: 'student', student: opened }).allowed).toBe(false);
  });
});
