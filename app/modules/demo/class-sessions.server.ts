import type { Db } from "~/db/db.server";
import { generateDemoClassSessions } from "./class-sessions";
import type { DemoProgramme } from "./demo-programme";

type Tx = Pick<Db, "classSession" | "attendance" | "attendanceChange">;

/**
 * Writes the demo cohorts' class sessions and their rolls (inside the demo loader's transaction).
 * Besides the 15 sessions held, each cohort gets a review session today and one in two days
 * (from the day the demo is loaded), with the roll not yet taken: something to try, also offline.
 */
export async function loadDemoClassSessions(tx: Tx, demo: DemoProgramme, now = new Date()): Promise<void> {
  const { sessions, attendances } = generateDemoClassSessions(demo);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const reviews = demo.cohorts.flatMap((cohort) => {
    const last = sessions.filter((s) => s.cohortId === cohort.id).at(-1)!;
    return [0, 2].map((days, i) => ({ ...last, id: `${cohort.id}_review${i + 1}`, date: new Date(today + days * 86_400_000), modules: "customers-and-pdca" }));
  });
  await tx.classSession.createMany({ data: [...sessions, ...reviews] });
  const rows = attendances.map((a, i) => ({ id: `demo_att_${i.toString(36)}`, ...a }));
  await tx.attendance.createMany({ data: rows });
  await tx.attendanceChange.createMany({
    data: rows.map((a) => ({ attendanceId: a.id, status: a.status, previousStatus: null, recordedById: a.recordedById, recordedAt: a.recordedAt, source: a.source, clientId: a.clientId })),
  });
}
