import type { Db } from "~/db/db.server";
import { packScores } from "~/modules/coaching/scoring";
import { catalogue } from "~/modules/content/catalogue.server";
import type { DemoProgramme } from "./demo-programme";
import { generateDemoScreening } from "./screening";

type Tx = Pick<
  Db,
  | "cohort"
  | "firm"
  | "enrolment"
  | "user"
  | "membership"
  | "cohortTrainer"
  | "classSession"
  | "attendance"
  | "attendanceChange"
  | "moduleProgress"
  | "quizAttempt"
  | "quizAnswer"
  | "coachingVisit"
  | "checklistScore"
  | "actionItem"
  | "selection"
  | "outcome"
  | "auditEvent"
  | "programme"
>;

/** Writes the screening demo (the 2024 cohort, its decisions and outcomes) inside the demo's transaction. */
export async function loadDemoScreening(tx: Tx, demo: DemoProgramme): Promise<void> {
  const quizzes = catalogue().map((m) => ({ slug: m.slug, version: m.version, questions: m.quiz.questions }));
  const s = generateDemoScreening(demo, quizzes);
  const programmeId = demo.programme.id;
  const organisationId = demo.organisation.id;
  const managerId = demo.people.find((p) => p.username === "manager")!.id;
  // The demo shows owners their own result, explained (a programme's choice; off by default).
  await tx.programme.update({ where: { id: programmeId }, data: { showScreeningToOwners: true } });
  await tx.cohort.create({ data: { ...s.cohort, programmeId } });
  await tx.firm.createMany({ data: s.firms.map((f) => ({ ...f, organisationId })) });
  await tx.enrolment.createMany({ data: s.enrolments });
  await tx.user.createMany({ data: s.owners });
  await tx.membership.createMany({ data: s.owners.map((o) => ({ userId: o.id, programmeId, role: "owner" })) });
  await tx.cohortTrainer.createMany({ data: s.cohortTrainers });
  await tx.classSession.createMany({ data: s.sessions });
  await tx.attendance.createMany({ data: s.attendances });
  await tx.attendanceChange.createMany({
    data: s.attendances.map((a) => ({ attendanceId: a.id, status: a.status, previousStatus: null, recordedById: a.recordedById, recordedAt: a.recordedAt, source: a.source, clientId: a.clientId })),
  });
  await tx.moduleProgress.createMany({ data: s.learning.progress });
  await tx.quizAttempt.createMany({ data: s.learning.attempts });
  await tx.quizAnswer.createMany({ data: s.learning.answers });
  const scoresOf = new Map<string, { itemKey: string; value: number }[]>();
  for (const score of s.coaching.scores) scoresOf.set(score.visitId, [...(scoresOf.get(score.visitId) ?? []), score]);
  await tx.coachingVisit.createMany({ data: s.coaching.visits.map((v) => ({ ...v, programmeId, checklistPacked: packScores(scoresOf.get(v.id) ?? []) })) });
  await tx.checklistScore.createMany({ data: s.coaching.scores });
  await tx.actionItem.createMany({ data: s.coaching.actions });
  await tx.selection.createMany({ data: s.selections.map((d) => ({ ...d, programmeId })) });
  await tx.auditEvent.createMany({
    data: s.selections.map((d) => ({
      actorId: managerId,
      programmeId,
      action: "screening.decide",
      entity: "Selection",
      entityId: d.id,
      after: JSON.stringify({ firmId: d.firmId, decision: d.decision, reason: d.reason, againstRanking: d.againstRanking, modelVersion: d.modelVersion }),
      createdAt: d.decidedAt,
    })),
  });
  await tx.outcome.createMany({ data: s.outcomes.map((o) => ({ ...o, programmeId, recordedById: managerId })) });
}
