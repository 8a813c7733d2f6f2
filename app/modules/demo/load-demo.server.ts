import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/db/db.server";
import { loadDemoClassSessions } from "./class-sessions.server";
import { DEMO_PASSWORD, type DemoProgramme } from "./demo-programme";
import { loadDemoLearning } from "./learning.server";
import { loadDemoCoaching } from "./coaching";
import { loadDemoScreening } from "./screening.server";
import { loadDemoExperiment } from "./experiment.server";

const INVITATION_DAYS = 60;

/** Whether the database already holds a demo programme. */
export async function hasDemoProgramme(db: Db): Promise<boolean> {
  return (await db.programme.count({ where: { isDemo: true } })) > 0;
}

/** Writes the demo programme in one transaction: all of it or nothing. */
export async function loadDemoProgramme(db: Db, demo: DemoProgramme): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const manager = demo.people.find((p) => p.username === "manager")!;
  await db.$transaction(
    async (tx) => {
      await tx.organisation.create({ data: demo.organisation });
      await tx.programme.create({ data: { ...demo.programme, organisationId: demo.organisation.id, isDemo: true } });
      await tx.cluster.createMany({ data: demo.clusters.map((c) => ({ ...c, organisationId: demo.organisation.id })) });
      await tx.cohort.createMany({
        data: demo.cohorts.map(({ trainerIds: _, ...c }) => ({ ...c, programmeId: demo.programme.id })),
      });
      await tx.firm.createMany({
        data: demo.firms.map(({ cohortId: _c, consentAt: _a, ...f }) => ({ ...f, organisationId: demo.organisation.id })),
      });
      await tx.enrolment.createMany({ data: demo.firms.map((f) => ({ cohortId: f.cohortId, firmId: f.id, consentAt: f.consentAt })) });
      await tx.user.createMany({
        data: demo.people.map(({ hasPassword, ...p }) => ({ ...p, passwordHash: hasPassword ? passwordHash : null })),
      });
      await tx.membership.createMany({ data: demo.memberships.map((m) => ({ ...m, programmeId: demo.programme.id })) });
      await tx.cohortTrainer.createMany({ data: demo.cohorts.flatMap((c) => c.trainerIds.map((userId) => ({ cohortId: c.id, userId }))) });
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
      await tx.invitation.createMany({
        data: demo.invitations.map((i) => ({ ...i, programmeId: demo.programme.id, issuedById: manager.id, expiresAt })),
      });
      await loadDemoClassSessions(tx, demo); // class delivery (issue 3)
      await loadDemoLearning(tx, demo); // learning (issue 4)
      await loadDemoCoaching(tx, demo); // coaching visits (issue 5)
      await loadDemoScreening(tx, demo); // screening (issue 6): a 2024 cohort, its decisions and outcomes
      await loadDemoExperiment(tx, demo); // randomised evaluation (issue 15): an experiment on the 2024 cohort
    },
    { timeout: 60_000 },
  );
}
