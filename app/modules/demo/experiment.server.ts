import type { Db } from "~/db/db.server";
import { assign } from "~/modules/experiments/assignment";
import type { DemoProgramme } from "./demo-programme";
import { BASELINE_DATE } from "./screening";

/**
 * Randomised-evaluation demo: an experiment on the earlier cohort (Kariobangi metalwork 2024),
 * frozen before its training, with the assignment the app's own rule gives for a fixed seed.
 * Made up like the rest of the demo, and laid over that cohort's existing records without
 * changing any of them: its classes, visits and outcomes were generated without arms, so the
 * results page shows an experiment whose control firms were also trained (flagged as delivery
 * against the arm) and effects too uncertain to conclude, which is what such data would give.
 */
export const DEMO_EXPERIMENT_SEED = 20240115;

type Tx = Pick<Db, "cohort" | "enrolment" | "experiment" | "experimentAssignment" | "auditEvent">;

export async function loadDemoExperiment(tx: Tx, demo: DemoProgramme): Promise<void> {
  const programmeId = demo.programme.id;
  const managerId = demo.people.find((p) => p.username === "manager")!.id;
  const cohort = await tx.cohort.findFirstOrThrow({ where: { programmeId, name: "Kariobangi metalwork 2024" }, select: { id: true, startsOn: true } });
  const enrolments = await tx.enrolment.findMany({ where: { cohortId: cohort.id }, select: { firm: { select: { id: true, sector: true, workers: true, cluster: { select: { name: true } } } } } });
  const roster = enrolments.map(({ firm }) => ({ id: firm.id, cluster: firm.cluster.name, sector: firm.sector, workers: firm.workers, practice: null }));
  const frozenAt = new Date(cohort.startsOn.getTime() - 7 * 24 * 60 * 60 * 1000);
  const experiment = await tx.experiment.create({
    data: {
      id: "demo_exp_kariobangi2024",
      programmeId,
      cohortId: cohort.id,
      clientId: "demo_exp_kariobangi2024",
      seed: DEMO_EXPERIMENT_SEED,
      stratifyBy: "size",
      status: "frozen",
      baselineUntil: BASELINE_DATE,
      createdById: managerId,
      createdAt: new Date(frozenAt.getTime() - 3 * 24 * 60 * 60 * 1000),
      frozenAt,
      frozenById: managerId,
      arms: {
        create: [
          { id: "demo_arm_both", position: 0, name: "Classroom and coaching", offersClasses: true, offersVisits: true, ratio: 1 },
          { id: "demo_arm_control", position: 1, name: "Control", offersClasses: false, offersVisits: false, ratio: 1 },
        ],
      },
    },
    select: { id: true },
  });
  const arms = [
    { key: "demo_arm_both", ratio: 1 },
    { key: "demo_arm_control", ratio: 1 },
  ];
  const { plan, assignments } = assign(roster, arms, ["size"], DEMO_EXPERIMENT_SEED);
  await tx.experimentAssignment.createMany({
    data: assignments.map((a) => ({ experimentId: experiment.id, firmId: a.firmId, armId: a.arm, stratum: a.stratum, sequence: a.sequence, assignedAt: frozenAt })),
  });
  await tx.experiment.update({ where: { id: experiment.id }, data: { strataPlan: JSON.stringify(plan) } });
  await tx.auditEvent.create({
    data: { actorId: managerId, programmeId, action: "experiment.freeze", entity: "Experiment", entityId: experiment.id, before: JSON.stringify({ status: "draft" }), after: JSON.stringify({ status: "frozen", seed: DEMO_EXPERIMENT_SEED, firms: assignments.length, merges: plan.merges }), createdAt: frozenAt },
  });
}
