// Demo organisation of one SWV: the tenant with its access-log chain head, its region's school
// holidays, boards, schools, consultants' teams and partner organisations, in one short transaction.
import { genesisHash } from '../../access/accessLog.ts';
import { startRequestCatalogue } from '../../modules/requests/requests.commands.ts';
import type { Database } from '../client.ts';
import {
  accessLogHead,
  board,
  partnerOrganisation,
  partnerSchool,
  school,
  schoolHoliday,
  swv,
  team,
  teamSchool,
} from '../schema/index.ts';
import { type DemoSettings, type SwvPlan, streamOf } from './plan.ts';
import { schoolHolidaysOf } from './schoolHolidays.ts';

export async function writeOrganisation(
  database: Database,
  settings: DemoSettings,
  plan: SwvPlan,
): Promise<void> {
  const swvId = plan.id;
  await database.db.transaction(async (tx) => {
    await tx.insert(swv).values({
      id: swvId,
      name: plan.name,
      registerCode: plan.registerCode,
      sector: plan.sector,
      municipalities: plan.municipalities,
      holidayRegion: plan.holidayRegion,
      skipSchoolHolidays: plan.skipSchoolHolidays,
      createdAt: settings.createdAt,
    });
    const random = streamOf(settings, 'school-holidays', plan.registerCode);
    await tx
      .insert(schoolHoliday)
      .values(
        schoolHolidaysOf(plan.holidayRegion).map((holiday) => ({ swvId, id: random.id(), ...holiday })),
      );
    // Every SWV's access log starts its hash chain here (see accessLog.ts).
    await tx.insert(accessLogHead).values({ swvId, seq: 0, hash: genesisHash });
    await startRequestCatalogue(tx, swvId, plan.sector);
    await tx.insert(board).values(plan.boards.map((b) => ({ swvId, id: b.id, code: b.code, name: b.name })));
    await tx.insert(school).values(
      plan.schools.map((s) => ({
        swvId,
        id: s.id,
        boardId: s.boardId,
        brin: s.brin,
        locationCode: s.locationCode,
        name: s.name,
        kind: s.kind,
        wijk: s.wijk,
        municipality: s.municipality,
        pupilCount: s.pupilCount,
      })),
    );
    await tx.insert(team).values(plan.teams.map((t) => ({ swvId, id: t.id, name: t.name, wijk: t.wijk })));
    const teamSchools = plan.teams.flatMap((t) =>
      t.schoolIds.map((schoolId) => ({ swvId, teamId: t.id, schoolId })),
    );
    if (teamSchools.length) await tx.insert(teamSchool).values(teamSchools);
    await tx.insert(partnerOrganisation).values(
      plan.partners.map((p) => ({
        swvId,
        id: p.id,
        name: p.name,
        kind: p.kind,
        // Leerplicht serves the children resident in the SWV's first municipality (docs/domain.md).
        municipality: p.kind === 'leerplicht' ? (plan.municipalities[0] ?? null) : null,
      })),
    );
    // Each core partner works at every school of the SWV (the school's kernpartners).
    await tx
      .insert(partnerSchool)
      .values(
        plan.partners.flatMap((p) =>
          plan.schools.map((s) => ({ swvId, partnerOrganisationId: p.id, schoolId: s.id })),
        ),
      );
  });
}
