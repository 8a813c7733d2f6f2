import { db } from "~/db/db.server";
import { CHECKLIST } from "~/modules/coaching/checklist";
import { packScores } from "~/modules/coaching/scoring";
import { makeProgramme, makeUser, unique } from "./fixtures";

/** One firm's evidence as a test states it; null leaves that source empty for the firm. */
export type FirmSpec = {
  name?: string;
  /** One mark per class session of the cohort (undefined: no mark, counted absent once the roll is taken). */
  attendance?: ("present" | "late" | "absent" | "excused" | undefined)[] | null;
  /** Pre and post scores (0-100) per module. */
  quiz?: { module: string; pre?: number; post?: number }[] | null;
  /** Per visit: how many checklist items are in place (the first `inPlace` of the list, full marks), and the outcome of the previous visit's actions. */
  visits?: { date: string; inPlace: number; actions?: ("done" | "partly" | "not_done" | null)[]; recordsMonthsSeen?: number }[] | null;
};

/**
 * A programme with one cohort of firms, an owner per firm, the cohort's class sessions, and each
 * firm's evidence written straight into the tables the other features own.
 */
export async function makeScreenedProgramme(firms: FirmSpec[], options: { sessions?: number } = {}) {
  const base = await makeProgramme();
  const { programmeId, cohortId, organisationId, clusterId } = base;
  // makeProgramme enrols one firm; it stays without evidence (the "no evidence" firm).
  const manager = await makeUser({ name: "Grace Manager", roles: [{ programmeId, role: "manager" }] });
  const trainer = await makeUser({ name: "Peter Trainer", roles: [{ programmeId, role: "trainer" }] });
  const sessionCount = options.sessions ?? Math.max(0, ...firms.map((f) => f.attendance?.length ?? 0));
  const sessions: { id: string }[] = [];
  for (let i = 0; i < sessionCount; i += 1) {
    sessions.push(
      await db.classSession.create({
        data: { cohortId, date: new Date(Date.UTC(2026, 1, 2 + i)), startTime: "09:00", endTime: "11:30", venue: "Hall", trainerId: trainer.id },
        select: { id: true },
      }),
    );
  }
  const created: { firmId: string; ownerId: string; name: string }[] = [];
  for (const [index, spec] of firms.entries()) {
    const name = spec.name ?? `Firm ${index + 1} ${unique("f")}`;
    const firm = await db.firm.create({ data: { organisationId, clusterId, name, sector: "metalwork", workers: 4 }, select: { id: true } });
    await db.enrolment.create({ data: { cohortId, firmId: firm.id } });
    const owner = await makeUser({ name: `Owner of ${name}`, firmId: firm.id, roles: [{ programmeId, role: "owner" }] });
    created.push({ firmId: firm.id, ownerId: owner.id, name });
    const marks = (spec.attendance ?? []).flatMap((status, i) =>
      status
        ? [{ sessionId: sessions[i]!.id, personId: owner.id, status, recordedById: trainer.id, recordedAt: new Date(), source: "web", clientId: unique("mark") }]
        : [],
    );
    if (marks.length > 0) await db.attendance.createMany({ data: marks });
    const attempts = (spec.quiz ?? []).flatMap((q, i) => [
      ...(q.pre === undefined ? [] : [{ kind: "pre", score: q.pre, at: 2 * i }]),
      ...(q.post === undefined ? [] : [{ kind: "post", score: q.post, at: 2 * i + 1 }]),
    ].map((a) => ({
      clientId: unique("attempt"),
      userId: owner.id,
      moduleSlug: q.module,
      kind: a.kind,
      contentVersion: "v1",
      correct: Math.round(a.score / 20),
      total: 5,
      score: a.score,
      createdAt: new Date(Date.UTC(2026, 2, 1, 0, a.at)),
    })));
    if (attempts.length > 0) await db.quizAttempt.createMany({ data: attempts });
    let previousVisit: string | null = null;
    for (const visit of spec.visits ?? []) {
      const row: { id: string } = await db.coachingVisit.create({
        data: {
          clientId: unique("visit"),
          programmeId,
          firmId: firm.id,
          coachId: trainer.id,
          date: new Date(`${visit.date}T00:00:00Z`),
          durationMinutes: 120,
          recordsMonthsSeen: visit.recordsMonthsSeen ?? null,
          checklistPacked: packScores(CHECKLIST.map((item, i) => ({ itemKey: item.key, value: i < visit.inPlace ? item.max : 0 }))),
        },
        select: { id: true },
      });
      await db.checklistScore.createMany({
        data: CHECKLIST.map((item, i) => ({ visitId: row.id, itemKey: item.key, value: i < visit.inPlace ? item.max : 0 })),
      });
      await db.actionItem.createMany({
        data: [0, 1].map((position) => ({ visitId: row.id, position, text: `Action ${position + 1}` })),
      });
      if (previousVisit && visit.actions) {
        const earlier = await db.actionItem.findMany({ where: { visitId: previousVisit }, orderBy: { position: "asc" }, select: { id: true } });
        for (const [i, action] of earlier.entries()) {
          await db.actionItem.update({ where: { id: action.id }, data: { outcome: visit.actions[i] ?? null, reviewedAtVisitId: row.id } });
        }
      }
      previousVisit = row.id;
    }
  }
  return { ...base, manager, trainer, firms: created, emptyFirmId: base.firmId };
}

/** The full 15-session, 3-visit evidence of a firm at a given level (0-1). */
export function firmAt(level: number, name?: string): FirmSpec {
  const attended = Math.round(6 + 9 * level);
  return {
    name,
    attendance: Array.from({ length: 15 }, (_, i) => (i < attended ? "present" : "absent")),
    quiz: ["kaizen-mindset", "seven-wastes", "5s-sort-set"].map((module) => ({ module, pre: 40, post: Math.round(50 + 45 * level) })),
    visits: [
      { date: "2026-03-01", inPlace: Math.round(4 + 6 * level), recordsMonthsSeen: 1 },
      { date: "2026-04-01", inPlace: Math.round(5 + 10 * level), actions: level > 0.5 ? ["done", "done"] : ["partly", "not_done"], recordsMonthsSeen: Math.round(1 + 5 * level) },
    ],
  };
}
