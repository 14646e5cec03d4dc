// The one policy: can(actor, action, resource) decides every access, deny by default (docs/SECURITY.md C1).
// Rules read like docs/domain.md. It is pure: the relations it needs (guardian, case member, consent)
// are loaded beforehand by scope.ts in one query. A decision says which relation allowed it, for
// the access log's "purpose".

import { breakGlassPurpose } from '../../domain/breakGlass.ts';
import { type CaseTeamCoverage, notOnCaseTeam, partnerReadsFile } from '../../domain/caseTeam.ts';
import type { DocumentClassification } from '../../domain/childFile.ts';
import { type Role, schoolRoles } from '../../domain/roles.ts';
import type { Actor, Membership } from './actor.ts';

/** What the policy knows of a child: where the child is and how the actor relates to the child. */
export type StudentFacts = {
  swvId: string;
  schoolId: string;
  groupName: string;
  isGuardian: boolean;
  /**
   * Whom of the actor the child's case team covers today: them in person, and which of their partner
   * organisations. Per organisation, so a partner rule weighs each membership with its own consent.
   */
  caseTeam: CaseTeamCoverage;
  /** Partner organisations that the parents consented to share the file with, in force today. */
  consentedPartnerOrganisationIds: readonly string[];
  /**
   * The actor's break-glass window on this child that is open now (docs/SECURITY.md A4), with its
   * reason; absent or null: none. Only the operator ever has one.
   */
  breakGlass?: { windowId: string; reason: string } | null;
};

/** The parts of a child's file the policy tells apart; each carries the child's facts. */
export type ChildPart =
  | { type: 'student'; student: StudentFacts }
  | { type: 'access_log'; student: StudentFacts }
  /** One export of everything about the child (AVG art. 15; docs/SECURITY.md E1). */
  | { type: 'child_export'; student: StudentFacts }
  | { type: 'plan'; student: StudentFacts }
  /** One agreement of the plan's action part, and the partner organisation that carries it out. */
  | { type: 'plan_agreement'; student: StudentFacts; partnerOrganisationId: string | null }
  /** A parent's agreement with the plan and their view. */
  | { type: 'plan_response'; student: StudentFacts }
  | { type: 'support_level'; student: StudentFacts }
  | { type: 'case_meeting'; student: StudentFacts }
  | {
      type: 'document';
      student: StudentFacts;
      classification: DocumentClassification;
      sharedWithParents: boolean;
    }
  | { type: 'consent'; student: StudentFacts }
  /** Who is on the child's case team (docs/domain.md, "Case team"). */
  | { type: 'case_team'; student: StudentFacts }
  /** A child's wait for a place; `waitSchoolId` is the school waited for (null: a provider or none named). */
  | { type: 'waiting_entry'; student: StudentFacts; waitSchoolId: string | null }
  /** The staff's free-text note on that wait: the professionals who read the wait, not the parents. */
  | { type: 'waiting_note'; student: StudentFacts; waitSchoolId: string | null }
  /** What OSO hand-over dossiers brought into the file (docs/domain.md, "Hand-over dossiers (OSO)"). */
  | { type: 'oso_dossier'; student: StudentFacts }
  /** A secret address or number of the child or a parent (adresgeheim, geheim): the IB'er and the consultant only. */
  | { type: 'oso_secret_contact'; student: StudentFacts };

/**
 * A request for support (docs/domain.md, "Requests and decisions") and what is done with it: the
 * school's own part, the SWV's handling (checking, advising, assigning), the decision, the
 * parents' view and the delivery log. A team's request has no child (student null).
 */
export type RequestPart = {
  type:
    | 'request'
    | 'request_handling'
    /**
     * An expert's advice on the request; to read, its text (docs/SECURITY.md C6): like a
     * medical-psychological report, the IB'er and the consultant, and the committee who decides.
     */
    | 'request_advice'
    /**
     * The staff's free-text notes on the request's steps (and the evaluation's note): the school's
     * IB'er, the consultants and the committee who handle it; not the parents, partners or director.
     */
    | 'request_note'
    | 'request_decision'
    | 'request_parents_view'
    | 'request_delivery'
    /** An objection against the request's decision (docs/domain.md, "Objections, disputes, complaints"). */
    | 'request_objection'
    /** The SWV's handling of an objection: its steps and the decision on it. */
    | 'objection_handling';
  swvId: string;
  schoolId: string;
  student: StudentFacts | null;
  /** Who decides this request's type: the committee, or consultants where the SWV lets them. */
  decidedBy: 'committee' | 'consultant';
  /**
   * Still the school's draft (state `draft`): no part of it reaches anyone outside the school
   * (`draftStaysWithTheSchool`). For a list: whether the list may show drafts.
   */
  draft: boolean;
};

/**
 * A child's absence case (thuiszittersdossier) or the school's watch before it (docs/domain.md,
 * "Children at home"). Leerplicht reaches it by the child's residence municipality, without consent.
 */
export type AbsencePart = {
  type: 'absence_case' | 'absence_watch';
  swvId: string;
  /** The child's school; null for a child enrolled nowhere. */
  schoolId: string | null;
  municipality: string;
  /** Null while the child has no student record. */
  student: StudentFacts | null;
  /** The responsible attendance officer and consultant, and the people the escalation ladder added. */
  involvedUserIds: readonly string[];
};

export type Resource =
  | { type: 'tenant' }
  /** The installation's job queue (scheduled work): the operator's. */
  | { type: 'job_queue' }
  /** The operator's own break-glass windows: opening, closing and listing them (docs/SECURITY.md A4). */
  | { type: 'break_glass_window' }
  /** The SWV's list of break-glass windows on its children: who, when, how long, why. */
  | { type: 'break_glass_register'; swvId: string }
  | { type: 'swv'; swvId: string }
  | { type: 'school'; swvId: string; schoolId: string }
  | { type: 'team'; swvId: string }
  | { type: 'user'; swvId: string }
  | { type: 'student_list'; swvId: string; schoolId: string }
  /** The requests of the schools the actor works for: the queues and lists (filtered to those). */
  | { type: 'request_queue'; swvId: string }
  /** The SWV's budget for arrangements and what decisions commit of it. */
  | { type: 'request_budget'; swvId: string }
  /** The objections of the schools the actor works for (filtered to those). */
  | { type: 'objection_queue'; swvId: string }
  /** The SWV's registers of disputes, complaints and support-point signals, and the board's counts. */
  | { type: 'swv_register'; swvId: string }
  /** A parent's own complaint, about one of their children or none. */
  | { type: 'parent_complaint'; swvId: string; student: StudentFacts | null }
  /** A satisfaction survey's invitation: only the person invited reads and answers it. */
  | { type: 'survey_invitation'; swvId: string; userId: string }
  /** The surveys' aggregates, of the whole SWV (schoolId null) or one school. */
  | { type: 'survey_results'; swvId: string; schoolId: string | null }
  /** The open answers, which may be written in a parent's own words: the SWV's policy staff only. */
  | { type: 'survey_open_answers'; swvId: string }
  /** The transitions lists and the directory of schools on Passend (docs/domain.md, "Transitions"). */
  | { type: 'transition_list'; swvId: string }
  | TransitionPart
  /** Places of special schools and providers: of one school, or of all and the providers (schoolId null). */
  | { type: 'capacity'; swvId: string; schoolId: string | null }
  /** The SWV's waiting list (filtered to the entries the actor may read) and its counts. */
  | { type: 'waiting_list'; swvId: string }
  | { type: 'waiting_counts'; swvId: string }
  /** The list of absence cases and watches (filtered to those the actor may open). */
  | { type: 'absence_register'; swvId: string }
  /** The counts of children at home; policy staff see them with small cells hidden. */
  | { type: 'absence_figures'; swvId: string }
  /** The monitor: the SWV's figures over the years, counts only with small cells hidden, never a child. */
  | { type: 'monitor'; swvId: string }
  /** The escalation ladder of the SWV and its municipalities. */
  | { type: 'absence_ladder'; swvId: string }
  /**
   * Retention (docs/decisions/0045): the periods, the dry run (pseudonymous ids and counts, no child
   * data) and the deletion of what is due. The administrator's: the SWV is the controller.
   */
  | { type: 'retention'; swvId: string }
  | AbsencePart
  /** A school's roster from its administration system (EDEXML): taken in by its IB'er or the SWV administrator. */
  | { type: 'school_roster'; swvId: string; schoolId: string }
  | RequestPart
  | ChildPart;

/**
 * A move between schools: the sending school's part (`transition`: start, report, hand over), the
 * receiving school's (`transition_receiving`: wait, extend, decide) and the warm hand-over meeting
 * either school records. A school of another SWV is null here: it acts in its own SWV's row.
 */
export type TransitionPart = {
  /** `transition_dossier`: the move's OSO hand-over dossier (docs/decisions/0030-oso-dossier-export.md). */
  type: 'transition' | 'transition_receiving' | 'transition_meeting' | 'transition_dossier';
  swvId: string;
  fromSchoolId: string | null;
  toSchoolId: string | null;
  student: StudentFacts;
  /** Whether the file was handed over: the receiving side reads the dossier only from then on. */
  handedOver?: boolean;
};

export type Action = 'read' | 'create' | 'update' | 'manage';

export type Decision =
  | { allowed: true; role: Role; organisation: string; purpose: string; breakGlass?: true }
  | { allowed: false; reason: string };

type Rule = (actor: Actor, membership: Membership, resource: Resource) => string | null;

const deny = (reason: string): Decision => ({ allowed: false, reason });

const childOf = (resource: Resource): StudentFacts | null =>
  'student' in resource ? resource.student : null;

function swvOf(resource: Resource): string | null {
  if (resource.type === 'tenant' || resource.type === 'job_queue' || resource.type === 'break_glass_window')
    return null;
  return 'swvId' in resource ? resource.swvId : resource.student.swvId;
}

function schoolOf(resource: Resource): string | null {
  if ('schoolId' in resource) return resource.schoolId;
  return 'student' in resource ? (resource.student?.schoolId ?? null) : null;
}

// The relations that allow access, each returning the purpose for the access log, or null.
const swvAdmin: Rule = () => 'SWV administrator';
const ib: Rule = (_a, m, r) =>
  m.schoolId !== null && m.schoolId === schoolOf(r) ? 'IB’er of the school' : null;
const director: Rule = (_a, m, r) =>
  m.schoolId !== null && m.schoolId === schoolOf(r) ? 'director of the school' : null;
const teacherAtSchool: Rule = (_a, m, r) =>
  m.schoolId !== null && m.schoolId === schoolOf(r) ? 'teacher at the school' : null;
const teacherOfGroup: Rule = (_a, m, r) => {
  const child = childOf(r);
  return child && m.schoolId === child.schoolId && m.groups.includes(child.groupName)
    ? `teacher of group ${child.groupName}`
    : null;
};
const consultant: Rule = (a, _m, r) => {
  const schoolId = schoolOf(r);
  return schoolId !== null && a.teamSchoolIds.includes(schoolId) ? 'consultant of the school’s team' : null;
};
/**
 * A partner works on a child only as a case member and with the parents' consent to share
 * (docs/domain.md), both for this membership's organisation: another organisation of theirs on
 * the team, or with consent, does not count for it.
 */
const partnerWithConsent: Rule = (_a, m, r) => {
  const child = childOf(r);
  return child &&
    m.partnerOrganisationId !== null &&
    partnerReadsFile(child.caseTeam, m.partnerOrganisationId, child.consentedPartnerOrganisationIds)
    ? 'case member with the parents’ consent'
    : null;
};
/** Only the agreements their own organisation carries out. */
const partnerOwnAgreement: Rule = (a, m, r) =>
  r.type === 'plan_agreement' && r.partnerOrganisationId === m.partnerOrganisationId
    ? partnerWithConsent(a, m, r)
    : null;
const parent: Rule = (_a, _m, r) => (childOf(r)?.isGuardian ? 'parent of the child' : null);
/** A parent's complaint: about their own child, or about nothing of one child. */
const parentComplaint: Rule = (a, m, r) =>
  r.type === 'parent_complaint' && r.student === null ? 'parent in the SWV' : parent(a, m, r);
const committee: Rule = () => 'committee of the SWV';
const isWait = (r: Resource): r is Extract<ChildPart, { waitSchoolId: string | null }> =>
  r.type === 'waiting_entry' || r.type === 'waiting_note';
/** A child's wait: the school staff of the child's school and of the school waited for (docs/domain.md). */
const schoolOfWait =
  (rule: Rule): Rule =>
  (a, m, r) => {
    if (!isWait(r)) return null;
    const own = rule(a, m, r);
    if (own) return own;
    return m.schoolId !== null && m.schoolId === r.waitSchoolId ? 'school the child waits for' : null;
  };
/** Consultants put children on the list and place them: of the child's school's team or the waited-for school's. */
const consultantOfWait: Rule = (a, m, r) =>
  consultant(a, m, r) ??
  (isWait(r) && r.waitSchoolId !== null && a.teamSchoolIds.includes(r.waitSchoolId)
    ? 'consultant of the team of the school waited for'
    : null);
const invited: Rule = (a, _m, r) =>
  r.type === 'survey_invitation' && r.userId === a.userId ? 'invited to the survey' : null;
/** A consultant decides only the types the SWV lets consultants decide, for their team's schools. */
const consultantDecides: Rule = (a, m, r) =>
  'decidedBy' in r && r.decidedBy === 'consultant' ? consultant(a, m, r) : null;
/** docs/SECURITY.md C6: medical-psychological reports only for the IB'er and the consultant. */
const ordinaryDocument =
  (rule: Rule): Rule =>
  (a, m, r) =>
    r.type === 'document' && r.classification === 'ordinary' ? rule(a, m, r) : null;
/** Parents see the ordinary documents the school shared with them. */
const sharedWithParents: Rule = (a, m, r) =>
  r.type === 'document' && r.classification === 'ordinary' && r.sharedWithParents ? parent(a, m, r) : null;

// docs/domain.md, "Transitions": the sending and the receiving school, each by its own staff.
const isTransition = (r: Resource): r is TransitionPart =>
  r.type === 'transition' ||
  r.type === 'transition_receiving' ||
  r.type === 'transition_meeting' ||
  r.type === 'transition_dossier';
const atSchool =
  (side: 'from' | 'to' | 'either', label: string): Rule =>
  (_a, m, r) => {
    if (!isTransition(r) || m.schoolId === null) return null;
    const from = m.schoolId === r.fromSchoolId;
    const to = m.schoolId === r.toSchoolId;
    const ok = side === 'from' ? from : side === 'to' ? to : from || to;
    return ok ? `${label} of the ${from ? 'sending' : 'receiving'} school` : null;
  };
const consultantOfEither: Rule = (a, _m, r) =>
  isTransition(r) && [r.fromSchoolId, r.toSchoolId].some((id) => id !== null && a.teamSchoolIds.includes(id))
    ? 'consultant of the school’s team'
    : null;
/**
 * The OSO dossier (docs/decisions/0030-oso-dossier-export.md): the sending side (the IB'er who hands
 * over, the consultant of the sending school's team) always; the receiving side once handed over.
 */
const dossierReader =
  (label: string): Rule =>
  (a, m, r) => {
    if (r.type !== 'transition_dossier') return null;
    const sending =
      label === 'consultant'
        ? r.fromSchoolId !== null && a.teamSchoolIds.includes(r.fromSchoolId)
        : m.schoolId !== null && m.schoolId === r.fromSchoolId;
    if (sending) return `${label} of the sending school`;
    const receiving =
      label === 'consultant'
        ? r.toSchoolId !== null && a.teamSchoolIds.includes(r.toSchoolId)
        : m.schoolId !== null && m.schoolId === r.toSchoolId;
    return receiving && r.handedOver === true ? `${label} of the receiving school, handed over` : null;
  };
/** docs/domain.md, "Children at home": leerplicht's legal task, by the child's residence municipality. */
const attendanceOfficer: Rule = (a, m, r) =>
  (r.type === 'absence_case' || r.type === 'absence_watch') &&
  a.attendanceMunicipalities.some(
    (o) => o.partnerOrganisationId === m.partnerOrganisationId && o.municipality === r.municipality,
  )
    ? 'attendance officer by legal task (Leerplichtwet), child resident in the municipality'
    : null;
/** An attendance organisation's officer, for the lists and figures (rows filtered per case). */
const attendanceOrganisation: Rule = (a, m) =>
  a.attendanceMunicipalities.some((o) => o.partnerOrganisationId === m.partnerOrganisationId)
    ? 'attendance officer by legal task (Leerplichtwet)'
    : null;
/** The responsible people of an absence case and those the escalation ladder added. */
const involvedInCase: Rule = (a, _m, r) =>
  r.type === 'absence_case' && r.involvedUserIds.includes(a.userId)
    ? 'responsible for the absence case or added by the escalation ladder'
    : null;
/** A consultant of the school's team; for a child without a school, every consultant of the SWV. */
const consultantOfCase: Rule = (a, m, r) => {
  if (r.type !== 'absence_case') return null;
  if (r.schoolId === null) return 'consultant of the SWV, child without a school';
  return consultant(a, m, r) ?? involvedInCase(a, m, r);
};
const anyOf =
  (...alternatives: Rule[]): Rule =>
  (a, m, r) => {
    for (const rule of alternatives) {
      const purpose = rule(a, m, r);
      if (purpose) return purpose;
    }
    return null;
  };

type RoleRules = Partial<Record<Action, Partial<Record<Resource['type'], Rule>>>>;

/**
 * The rules, per role, action and resource: each returns the purpose (the relation that allows it)
 * or null. Anything not listed is denied.
 */
const rules: Partial<Record<Role, RoleRules>> = {
  operator: {
    create: {
      tenant: () => 'operator',
      user: () => 'operator creates the SWV administrator',
      break_glass_window: () => 'operator opens break-glass access',
    },
    read: { tenant: () => 'operator', job_queue: () => 'operator', break_glass_window: () => 'operator' },
    manage: { job_queue: () => 'operator', break_glass_window: () => 'operator' },
  },
  swv_admin: {
    read: {
      swv: swvAdmin,
      school: swvAdmin,
      team: swvAdmin,
      user: swvAdmin,
      request_budget: swvAdmin,
      swv_register: swvAdmin,
      survey_results: swvAdmin,
      capacity: swvAdmin,
      waiting_counts: swvAdmin,
      absence_figures: swvAdmin,
      absence_ladder: swvAdmin,
      absence_case: involvedInCase,
      monitor: swvAdmin,
      retention: () => 'SWV administrator: retention',
      break_glass_register: swvAdmin,
    },
    manage: {
      capacity: swvAdmin,
      absence_ladder: swvAdmin,
      retention: () => 'retention period passed (SWV administrator)',
      school_roster: swvAdmin,
      swv: swvAdmin,
      school: swvAdmin,
      team: swvAdmin,
      user: swvAdmin,
      request_budget: swvAdmin,
      swv_register: swvAdmin,
    },
  },
  consultant: {
    read: {
      swv: () => 'consultant of the SWV',
      school: () => 'consultant of the SWV',
      team: () => 'consultant of the SWV',
      student_list: consultant,
      student: consultant,
      // docs/SECURITY.md E1: the SWV answers a parent's written request for access with the complete export.
      child_export: consultant,
      plan: consultant,
      case_meeting: consultant,
      document: consultant,
      consent: consultant,
      case_team: consultant,
      request: consultant,
      request_advice: consultant,
      request_note: consultant,
      request_queue: () => 'consultant of the SWV',
      request_budget: () => 'consultant of the SWV',
      objection_queue: () => 'consultant of the SWV',
      swv_register: () => 'consultant of the SWV',
      survey_results: () => 'consultant of the SWV',
      transition_list: () => 'consultant of the SWV',
      transition: consultantOfEither,
      transition_dossier: dossierReader('consultant'),
      capacity: () => 'consultant of the SWV',
      waiting_list: () => 'consultant of the SWV',
      waiting_counts: () => 'consultant of the SWV',
      waiting_entry: consultantOfWait,
      waiting_note: consultantOfWait,
      absence_register: () => 'consultant of the SWV',
      absence_figures: () => 'consultant of the SWV',
      absence_case: consultantOfCase,
      oso_dossier: consultant,
      oso_secret_contact: consultant,
    },
    manage: { swv_register: () => 'consultant of the SWV' },
    create: {
      oso_dossier: consultant,
      waiting_entry: consultantOfWait,
      absence_case: consultantOfCase,
      case_meeting: consultant,
      document: consultant,
      case_team: consultant,
      request_advice: consultant,
      request_decision: consultantDecides,
      request_delivery: consultant,
    },
    update: {
      waiting_entry: consultantOfWait,
      absence_case: consultantOfCase,
      request_handling: consultant,
      objection_handling: consultant,
      case_team: consultant,
      student: consultant,
      plan: consultant,
      plan_agreement: consultant,
      support_level: consultant,
      document: consultant,
    },
  },
  committee: {
    read: {
      swv: committee,
      school: committee,
      request: committee,
      request_advice: committee,
      request_note: committee,
      request_queue: committee,
      request_budget: committee,
      objection_queue: committee,
      swv_register: committee,
      survey_results: committee,
      capacity: committee,
      waiting_list: committee,
      waiting_counts: committee,
      waiting_entry: committee,
      waiting_note: committee,
      absence_figures: committee,
      absence_case: involvedInCase,
      monitor: committee,
    },
    manage: { swv_register: committee },
    create: { request_advice: committee, request_decision: committee },
    update: { request_handling: committee, objection_handling: committee },
  },
  policy: {
    read: {
      swv: () => 'policy staff of the SWV',
      school: () => 'policy staff of the SWV',
      request_budget: () => 'policy staff of the SWV',
      survey_results: () => 'policy staff of the SWV',
      survey_open_answers: () => 'policy staff of the SWV',
      capacity: () => 'policy staff of the SWV',
      waiting_counts: () => 'policy staff of the SWV',
      absence_figures: () => 'policy staff of the SWV',
      monitor: () => 'policy staff of the SWV',
    },
  },
  school_ib: {
    read: {
      swv: () => 'school in the SWV',
      school: ib,
      student_list: ib,
      student: ib,
      access_log: ib,
      child_export: ib,
      plan: ib,
      case_meeting: ib,
      document: ib,
      consent: ib,
      case_team: ib,
      request: ib,
      request_advice: ib,
      request_note: ib,
      request_queue: () => 'school in the SWV',
      survey_results: ib,
      transition_list: () => 'school in the SWV',
      transition: atSchool('either', 'IB’er'),
      transition_dossier: dossierReader('IB’er'),
      capacity: ib,
      waiting_list: () => 'school in the SWV',
      waiting_entry: schoolOfWait(ib),
      waiting_note: schoolOfWait(ib),
      absence_register: () => 'school in the SWV',
      absence_case: ib,
      absence_watch: ib,
      oso_dossier: ib,
      oso_secret_contact: ib,
    },
    create: {
      oso_dossier: ib,
      absence_case: ib,
      absence_watch: ib,
      student: ib,
      transition: atSchool('from', 'IB’er'),
      plan_response: ib,
      case_meeting: ib,
      document: ib,
      consent: ib,
      case_team: ib,
      request: ib,
      request_delivery: ib,
      request_objection: ib,
    },
    update: {
      absence_case: ib,
      absence_watch: ib,
      request: ib,
      student: ib,
      plan: ib,
      plan_agreement: ib,
      support_level: ib,
      consent: ib,
      document: ib,
      case_team: ib,
      transition: atSchool('from', 'IB’er'),
      transition_receiving: atSchool('to', 'IB’er'),
      transition_meeting: atSchool('either', 'IB’er'),
    },
    manage: { school_roster: ib },
  },
  school_director: {
    read: {
      swv: () => 'school in the SWV',
      school: director,
      student_list: director,
      student: director,
      plan: director,
      case_meeting: director,
      document: ordinaryDocument(director),
      consent: director,
      case_team: director,
      // The request and its decision, not the experts' advice or the staff's notes (C6).
      request: director,
      request_queue: () => 'school in the SWV',
      survey_results: director,
      transition_list: () => 'school in the SWV',
      transition: atSchool('either', 'director'),
      capacity: director,
      waiting_list: () => 'school in the SWV',
      waiting_entry: schoolOfWait(director),
      waiting_note: schoolOfWait(director),
      absence_register: () => 'school in the SWV',
      absence_case: director,
      absence_watch: director,
      oso_dossier: director,
    },
    create: { request_objection: director },
    update: { transition_receiving: atSchool('to', 'director') },
    manage: { capacity: director },
  },
  teacher: {
    read: {
      swv: () => 'school in the SWV',
      school: teacherAtSchool,
      student_list: teacherAtSchool,
      student: teacherOfGroup,
      plan: teacherOfGroup,
      case_meeting: teacherOfGroup,
      document: ordinaryDocument(teacherOfGroup),
      oso_dossier: teacherOfGroup,
    },
    update: { plan: teacherOfGroup, plan_agreement: teacherOfGroup },
  },
  partner: {
    read: {
      student: partnerWithConsent,
      plan: partnerWithConsent,
      case_meeting: partnerWithConsent,
      document: ordinaryDocument(partnerWithConsent),
      case_team: partnerWithConsent,
      // The request and its decision, not the experts' advice or the staff's notes (C6).
      request: partnerWithConsent,
      absence_register: attendanceOrganisation,
      absence_figures: attendanceOrganisation,
      absence_case: anyOf(attendanceOfficer, involvedInCase),
      absence_watch: attendanceOfficer,
      oso_dossier: partnerWithConsent,
    },
    create: { document: ordinaryDocument(partnerWithConsent), absence_case: attendanceOfficer },
    update: {
      plan_agreement: partnerOwnAgreement,
      absence_case: anyOf(attendanceOfficer, involvedInCase),
      absence_watch: attendanceOfficer,
    },
  },
  parent: {
    read: {
      student: parent,
      access_log: parent,
      // Their own export holds what the portal shows them (docs/SECURITY.md E1, C6).
      child_export: parent,
      plan: parent,
      document: sharedWithParents,
      consent: parent,
      case_team: parent,
      // The request and the decision with its reasons, not the advice or the staff's notes (C6).
      request: parent,
      parent_complaint: parentComplaint,
      survey_invitation: invited,
      transition: parent,
      // Their child's wait (since when, where, promised), not the staff's note on it (waiting_note).
      waiting_entry: parent,
      absence_register: () => 'parent in the SWV',
      absence_case: parent,
      oso_dossier: parent,
    },
    create: {
      plan_response: parent,
      consent: parent,
      request_parents_view: parent,
      request_objection: parent,
      parent_complaint: parentComplaint,
    },
    update: { consent: parent, survey_invitation: invited },
  },
};

/**
 * docs/SECURITY.md C1: a draft request is the school's own work. Whatever a role may do with a
 * request, a membership reaches a draft only as staff of the school that writes it.
 */
const draftStaysWithTheSchool = (m: Membership, r: Resource): boolean =>
  !('draft' in r && r.draft) || (schoolRoles.has(m.role) && m.schoolId === r.schoolId);

/**
 * docs/SECURITY.md A4: the parts of a child's file the operator reads through an open break-glass
 * window — to see what the SWV's staff see when they ask for help. Read only: no change, no
 * download or print, and never a medical-psychological document (C6 holds for the operator too).
 */
const readableByBreakGlass: ReadonlySet<Resource['type']> = new Set([
  'student',
  'plan',
  'case_team',
  'case_meeting',
  'consent',
]);

/** The operator's break-glass read of one child, or null when no open window allows it. */
function breakGlassDecision(actor: Actor, action: Action, resource: Resource): Decision | null {
  const operator = actor.memberships.find((m) => m.role === 'operator');
  const child = childOf(resource);
  const window = child?.breakGlass;
  if (!operator || !child || !window || action !== 'read') return null;
  if (!readableByBreakGlass.has(resource.type) || swvOf(resource) !== child.swvId) return null;
  return {
    allowed: true,
    role: 'operator',
    organisation: organisationOf(actor, operator),
    purpose: breakGlassPurpose(window.reason),
    breakGlass: true,
  };
}

export function can(actor: Actor, action: Action, resource: Resource): Decision {
  const swvId = swvOf(resource);
  if (swvId !== null && swvId !== actor.swvId) {
    return breakGlassDecision(actor, action, resource) ?? deny('other SWV');
  }
  for (const membership of actor.memberships) {
    if (!draftStaysWithTheSchool(membership, resource)) continue;
    const rule = rules[membership.role]?.[action]?.[resource.type];
    const purpose = rule?.(actor, membership, resource);
    if (purpose) {
      return {
        allowed: true,
        role: membership.role,
        organisation: organisationOf(actor, membership),
        purpose,
      };
    }
  }
  return deny(`no rule allows ${action} on ${resource.type}`);
}

/** Which of a school's children a list may show: every child, or only those in some groups. */
export type ListScope = { allGroups: true } | { allGroups: false; groups: readonly string[] };

/** A group name no one can have (names are refused with control characters): "in none of yours". */
const noGroupOfTheActor = '\u0000';

/**
 * docs/SECURITY.md C7: a list shows only children the actor may open. Asks the same rule that opens one
 * child, for a child of the school in a group the actor does not name (all children open) and in
 * each group they do, so a list and the file cannot disagree. A relation to one child (parent,
 * case member) does not widen a school's list.
 */
export function studentListScope(actor: Actor, swvId: string, schoolId: string): ListScope {
  const opens = (groupName: string) =>
    can(actor, 'read', {
      type: 'student',
      student: {
        swvId,
        schoolId,
        groupName,
        isGuardian: false,
        caseTeam: notOnCaseTeam,
        consentedPartnerOrganisationIds: [],
      },
    }).allowed;
  if (opens(noGroupOfTheActor)) return { allGroups: true };
  const named = [...new Set(actor.memberships.flatMap((m) => m.groups))];
  return { allGroups: false, groups: named.filter(opens).sort() };
}

/** On whose behalf the role is used, for the access log: "school:<id>", "partner:<id>", "swv:<id>". */
export function organisationOf(actor: Actor, membership: Membership): string {
  if (membership.schoolId) return `school:${membership.schoolId}`;
  if (membership.partnerOrganisationId) return `partner:${membership.partnerOrganisationId}`;
  if (membership.role === 'parent') return 'parent';
  return actor.swvId ? `swv:${actor.swvId}` : 'operator';
}
