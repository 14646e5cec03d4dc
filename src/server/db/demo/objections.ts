// Demo objections, disputes, complaints and support-point signals (docs/domain.md, "Objections,
// disputes, complaints"): objections against decided TLVs in several states (one with its LBT clock
// running, one with the advice asked, one decided), and one by the demo parent when their child has
// a decision; disputes at the national committee, complaints (one from the demo parent's portal),
// and the support point's signals, all dated before `today` so the board's counts have something.
import { sql } from 'drizzle-orm';
import { addDays } from '../../../domain/calendar.ts';
import {
  disputeRulingDueOn,
  lbtAdviceDueOn,
  type ObjectionState,
  type ObjectionStep,
  type SupportSignalKind,
  type SupportSignalOutcome,
} from '../../../domain/objections.ts';
import { type Database, queryRows } from '../client.ts';
import { complaint, dispute, objection, objectionEvent, supportSignal } from '../schema/index.ts';
import type { DemoPeople } from './accounts.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';

type Decided = {
  id: string;
  school_id: string;
  student_id: string | null;
  requested_by_user_id: string;
  decided_on: string;
  is_tlv: boolean;
};

const atNine = (date: string) => new Date(`${date}T08:00:00Z`);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** The steps that lead to each objection state for a TLV, after the receipt. */
const stepsTo: Partial<Record<ObjectionState, ObjectionStep[]>> = {
  received: [],
  advice_requested: ['request_advice'],
  decided: ['request_advice', 'receive_advice', 'hold_hearing', 'decide'],
};

export async function writeObjections(
  database: Database,
  settings: DemoSettings,
  swv: SwvPlan,
  people: DemoPeople,
  today: string,
): Promise<void> {
  const random = streamOf(settings, 'objections', swv.registerCode);
  const db = database.db;
  const swvId = swv.id;
  const committee = (
    await queryRows<{ user_id: string }>(
      db,
      sql`select user_id from membership where swv_id = ${swvId} and role = 'committee' order by user_id`,
    )
  ).map((row) => row.user_id);
  if (committee.length === 0) return;
  const decided = await queryRows<Decided>(
    db,
    sql`select r.id, r.school_id, r.student_id, r.requested_by_user_id, r.decided_on, t.is_tlv
        from support_request r join request_type t on t.swv_id = r.swv_id and t.id = r.type_id
        where r.swv_id = ${swvId} and r.decided_on is not null and r.student_id is not null
        order by r.decided_on desc, r.id`,
  );
  const parentChildren = new Set(
    (
      await queryRows<{ student_id: string }>(
        db,
        sql`select student_id from student_guardian where swv_id = ${swvId} and user_id = ${people.parentUserId}`,
      )
    ).map((row) => row.student_id),
  );
  const objections: (typeof objection.$inferInsert)[] = [];
  const events: (typeof objectionEvent.$inferInsert)[] = [];
  const add = (
    request: Decided,
    state: ObjectionState,
    filer: { by: 'parent' | 'school'; userId: string },
  ) => {
    // Received within the term, a few days after the decision, and before today.
    const receivedOn = earlier(addDays(request.decided_on, random.int(3, 20)), today);
    const id = random.id();
    const handler = random.pick(committee);
    const row: typeof objection.$inferInsert = {
      swvId,
      id,
      requestId: request.id,
      filedBy: filer.by,
      filedByUserId: filer.userId,
      receivedOn,
      grounds:
        filer.by === 'parent'
          ? 'Wij vinden dat ons kind meer hulp nodig heeft dan de school nu kan geven.'
          : 'De school kan de ondersteuning niet bieden die in het besluit wordt verondersteld.',
      state,
      adviceDueOn: request.is_tlv ? lbtAdviceDueOn(receivedOn) : null,
      createdAt: atNine(receivedOn),
      updatedAt: atNine(receivedOn),
    };
    const event = (step: ObjectionStep, on: string, note = '') =>
      events.push({
        swvId,
        id: random.id(),
        objectionId: id,
        step,
        at: atNine(on),
        on,
        byUserId: handler,
        note,
      });
    events.push({
      swvId,
      id: random.id(),
      objectionId: id,
      step: 'receive',
      at: atNine(receivedOn),
      on: receivedOn,
      byUserId: filer.userId,
      note: '',
    });
    let on = receivedOn;
    for (const step of stepsTo[state] ?? []) {
      on = earlier(addDays(on, random.int(2, 9)), today);
      if (step === 'request_advice') {
        row.adviceRequestedOn = on;
        event(step, on);
      } else if (step === 'receive_advice') {
        row.adviceReceivedOn = on;
        row.adviceSummary = 'De LBT adviseert het besluit in stand te laten.';
        event(step, on, row.adviceSummary);
      } else if (step === 'hold_hearing') {
        row.hearingOn = on;
        event(step, on, 'Ouders en school zijn gehoord.');
      } else if (step === 'decide') {
        row.decidedOn = on;
        row.outcome = 'rejected';
        row.decisionReasons = 'Met het advies van de LBT: het besluit blijft staan.';
        event(step, on, row.decisionReasons);
      }
    }
    objections.push(row);
  };
  // Received a few days after the decision: always within the term of 6 weeks.
  const tlvs = decided.filter((request) => request.is_tlv);
  const states: ObjectionState[] = ['received', 'advice_requested', 'decided'];
  for (const [index, request] of tlvs.slice(0, states.length).entries())
    add(request, states[index]!, { by: 'school', userId: request.requested_by_user_id });
  const parents = decided.find((request) => request.student_id && parentChildren.has(request.student_id));
  if (parents) add(parents, 'received', { by: 'parent', userId: people.parentUserId });

  const schools = [...new Set(decided.map((request) => request.school_id))];
  const someSchool = () => (schools.length ? random.pick(schools) : null);
  const disputes: (typeof dispute.$inferInsert)[] = (['admission', 'removal', 'plan'] as const).map(
    (subject, index) => {
      const filedOn = addDays(today, -random.int(20, 90));
      const ruled = index !== 1;
      const ruledOn = ruled ? earlier(addDays(filedOn, random.int(30, 60)), today) : null;
      return {
        swvId,
        id: random.id(),
        subject,
        schoolId: someSchool(),
        filedOn,
        rulingDueOn: disputeRulingDueOn(filedOn),
        ruledOn,
        outcome: ruled ? (index === 0 ? 'unfounded' : 'partly_well_founded') : null,
        summary: 'Geschil tussen ouders en school, voorgelegd aan de landelijke commissie.',
        registeredByUserId: committee[0]!,
        createdAt: atNine(filedOn),
        updatedAt: atNine(ruledOn ?? filedOn),
      };
    },
  );
  const complaints: (typeof complaint.$inferInsert)[] = [
    {
      about: 'Te lang wachten',
      description: 'Wij wachtten lang op een gesprek over de aanvraag.',
      filedByUserId: people.parentUserId,
      state: 'received' as const,
      outcome: '',
    },
    {
      about: 'Bejegening',
      description: 'Ouder voelde zich niet gehoord in het overleg.',
      filedByUserId: null,
      state: 'in_progress' as const,
      outcome: '',
    },
    {
      about: 'Informatie',
      description: 'Ouder kreeg het besluit niet op papier.',
      filedByUserId: null,
      state: 'closed' as const,
      outcome: 'Besluit alsnog gestuurd en excuses gemaakt.',
    },
  ].map((row) => {
    const receivedOn = addDays(today, -random.int(5, 60));
    return {
      ...row,
      swvId,
      id: random.id(),
      receivedOn,
      schoolId: someSchool(),
      handledByUserId: row.state === 'received' ? null : committee[0]!,
      closedOn: row.state === 'closed' ? earlier(addDays(receivedOn, 14), today) : null,
      createdAt: atNine(receivedOn),
      updatedAt: atNine(receivedOn),
    };
  });
  const signalSpecs: [SupportSignalKind, SupportSignalOutcome, string][] = [
    ['question', 'answered', 'Vraag over de rechten van ouders bij een TLV.'],
    ['question', 'referred', 'Vraag over vervoer naar speciaal onderwijs; doorverwezen naar de gemeente.'],
    ['advice', 'answered', 'Advies over het gesprek met school over het ontwikkelingsperspectief.'],
    ['mediation', 'agreement', 'Ouders en school oneens over de begeleiding; samen afspraken gemaakt.'],
    ['mediation', 'open', 'Ouders en school oneens over een overstap; gesprek gepland.'],
  ];
  const signals: (typeof supportSignal.$inferInsert)[] = signalSpecs.map(([kind, outcome, summary]) => {
    const receivedOn = addDays(today, -random.int(3, 80));
    return {
      swvId,
      id: random.id(),
      receivedOn,
      kind,
      schoolId: random.chance(0.6) ? someSchool() : null,
      summary,
      outcome,
      closedOn: outcome === 'open' ? null : earlier(addDays(receivedOn, random.int(1, 10)), today),
      registeredByUserId: committee[0]!,
      createdAt: atNine(receivedOn),
      updatedAt: atNine(receivedOn),
    };
  });
  await db.transaction(async (tx) => {
    if (objections.length) await tx.insert(objection).values(objections);
    if (events.length) await tx.insert(objectionEvent).values(events);
    await tx.insert(dispute).values(disputes);
    await tx.insert(complaint).values(complaints);
    await tx.insert(supportSignal).values(signals);
  });
}
