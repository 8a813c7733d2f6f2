import { cohortRates, type AttendanceStatus } from "~/modules/attendance/rates";
import { checklistItem } from "~/modules/coaching/checklist";
import { screen } from "~/modules/screening/engine";
import type { ActionOutcome, CoachingVisitEvidence, FirmEvidence, QuizModuleEvidence } from "~/modules/screening/evidence";
import { DEFAULT_SCREENING_MODEL } from "~/modules/screening/model";
import { snapshotOf, type Decision } from "~/modules/screening/selection";
import { generateDemoClassSessions } from "./class-sessions";
import { generateDemoCoaching } from "./coaching";
import type { DemoProgramme } from "./demo-programme";
import { generateDemoLearning, type DemoQuiz } from "./learning";
import { KARIOBANGI } from "./places";
import { seededRandom } from "./random";

/**
 * Screening demo data (issue 6): an earlier cohort of the demo programme (Kariobangi metalwork
 * 2024) with its classes, quizzes and coaching visits made by the other features' own demo
 * generators, the selection decisions taken on its screening in mid-2024 (each with its score
 * snapshot), and follow-up outcomes recorded at selection time and two years later, so that the
 * validity page has something to show. Growth is made to depend mostly on the practices a firm
 * put in place and kept (as McKenzie and Woodruff found), a little on knowledge, and hardly on
 * attendance, plus noise: the demo shows a screen that earns its keep over attendance alone.
 * Pure and deterministic; everything is labelled demo data in the interface.
 */
export const EARLIER_COHORT_SIZE = 42;
const DAY = 24 * 60 * 60 * 1000;
export const SELECTION_DATE = new Date("2024-07-15T10:00:00Z");
export const BASELINE_DATE = new Date("2024-07-01T00:00:00Z");
export const FOLLOW_UP_DATE = new Date("2026-07-01T00:00:00Z");

export type DemoScreening = {
  cohort: { id: string; name: string; startsOn: Date; endsOn: Date };
  firms: { id: string; clusterId: string; name: string; sector: string; workers: number; foundedYear: number }[];
  enrolments: { cohortId: string; firmId: string; consentAt: Date }[];
  owners: { id: string; name: string; phone: string; language: string; firmId: string }[];
  cohortTrainers: { cohortId: string; userId: string }[];
  sessions: ReturnType<typeof generateDemoClassSessions>["sessions"];
  attendances: (ReturnType<typeof generateDemoClassSessions>["attendances"][number] & { id: string })[];
  learning: ReturnType<typeof generateDemoLearning>;
  coaching: ReturnType<typeof generateDemoCoaching>;
  selections: { id: string; firmId: string; decision: Decision; reason: string; againstRanking: boolean; scoreSnapshot: string; modelVersion: number; decidedById: string; decidedAt: Date }[];
  outcomes: { id: string; firmId: string; date: Date; sales: number; workers: number; valueAdded: number; practiceScore: number; source: "import" }[];
};

export function generateDemoScreening(demo: DemoProgramme, quizzes: DemoQuiz[], seed = 6024): DemoScreening {
  const random = seededRandom(seed);
  const cluster = demo.clusters.find((c) => c.country === KARIOBANGI.country)!;
  const trainerId = demo.cohorts.find((c) => demo.firms.some((f) => f.cohortId === c.id && f.clusterId === cluster.id))!.trainerIds[0]!;
  const manager = demo.people.find((p) => p.username === "manager")!;
  const startsOn = new Date("2024-02-05T00:00:00Z");
  const cohort = { id: "demo_coh_kariobangi2024", name: "Kariobangi metalwork 2024", startsOn, endsOn: new Date(startsOn.getTime() + 21 * DAY), trainerIds: [trainerId] };
  const firms: DemoScreening["firms"] = [];
  const owners: DemoScreening["owners"] = [];
  const usedNames = new Set(demo.firms.map((f) => f.name));
  for (let i = 0; i < EARLIER_COHORT_SIZE; i++) {
    const given = random.pick(random.chance(0.4) ? KARIOBANGI.femaleNames : KARIOBANGI.maleNames);
    const family = random.pick(KARIOBANGI.familyNames);
    let name = random.pick(KARIOBANGI.firmPatterns)({ given, family });
    while (usedNames.has(name)) name = `${name} ${random.int(2, 9)}`;
    usedNames.add(name);
    const id = `demo_frm_k24_${String(i + 1).padStart(2, "0")}`;
    firms.push({ id, clusterId: cluster.id, name, sector: cluster.sector, workers: Math.max(1, Math.min(25, Math.round(Math.exp(random.normal(1.55, 0.55))))), foundedYear: random.int(1995, 2021) });
    owners.push({ id: `demo_usr_k24_${String(i + 1).padStart(2, "0")}`, name: `${given} ${family}`, phone: `2547${String(i + 1).padStart(8, "0")}`, language: "sw", firmId: id });
  }
  // The other features' generators take a programme; this one holds just the earlier cohort.
  const earlier: DemoProgramme = {
    ...demo,
    cohorts: [cohort],
    firms: firms.map((f) => ({ ...f, cohortId: cohort.id, consentAt: new Date(startsOn.getTime() - 3 * DAY) })),
    people: owners.map((o) => ({ ...o, username: null, email: null, isAdmin: false, hasPassword: false })),
    memberships: owners.map((o) => ({ userId: o.id, role: "owner" as const })),
    invitations: [],
    accounts: [],
  };
  const classes = generateDemoClassSessions(earlier, seed + 1);
  const rawLearning = generateDemoLearning(earlier, quizzes, seed + 2);
  const coaching = generateDemoCoaching(earlier, seed + 3);
  // Ids of the other generators count from zero; keep ours apart from the 2026 cohorts' rows.
  const attemptIds = new Map(rawLearning.attempts.map((a, i) => [a.id, `demo_k24_qa_${i.toString(36)}`]));
  const learning = {
    progress: rawLearning.progress,
    attempts: rawLearning.attempts.map((a) => ({ ...a, id: attemptIds.get(a.id)!, clientId: `demo-k24-${attemptIds.get(a.id)!}` })),
    answers: rawLearning.answers.map((a) => ({ ...a, attemptId: attemptIds.get(a.attemptId)! })),
  };

  // The screening as it stood at selection time (the default model, compared within the cohort).
  const evidence = evidenceOf(earlier, classes, learning.attempts, coaching);
  const results = screen(evidence, DEFAULT_SCREENING_MODEL, { comparisonGroup: "cohort" });
  const eligible = results.filter((r) => r.eligibility.eligible && r.total !== null);
  const selections: DemoScreening["selections"] = [];
  const decide = (firmId: string, decision: Decision, reason = "", againstRanking = false) => {
    const result = results.find((r) => r.firmId === firmId)!;
    selections.push({
      id: `demo_sel_k24_${selections.length + 1}`,
      firmId,
      decision,
      reason,
      againstRanking,
      scoreSnapshot: JSON.stringify(snapshotOf(result)),
      modelVersion: DEFAULT_SCREENING_MODEL.version,
      decidedById: manager.id,
      decidedAt: new Date(SELECTION_DATE.getTime() + selections.length * 60_000),
    });
  };
  // Ten places for equipment credit; the next six wait. One override, written down.
  const override = eligible[12];
  eligible.forEach((r, i) => {
    if (override && r.firmId === override.firmId) return;
    decide(r.firmId, i < 10 ? "selected" : i < 16 ? "waitlisted" : "not_selected");
  });
  if (override) decide(override.firmId, "selected", "Only firm in the cluster making maize-mill parts; the credit line asked for one.", true);
  for (const r of results) if (!eligible.includes(r)) decide(r.firmId, "not_selected");

  // Outcomes: the figures at selection, and two years on.
  const practiceOf = latestPractice(coaching);
  const outcomes: DemoScreening["outcomes"] = [];
  for (const firm of firms) {
    const result = results.find((r) => r.firmId === firm.id)!;
    const practice = practiceOf.get(firm.id) ?? 0.3;
    const knowledge = result.components.knowledge.raw ?? 70;
    const attendance = result.components.attendance.raw ?? 70;
    const monthly = Math.round(firm.workers * (9_000 + random.next() * 6_000) / 100) * 100;
    const growth = -0.05 + 1.6 * (practice - 0.35) + 0.004 * (knowledge - 75) + 0.0005 * (attendance - 75) + random.normal(0.12, 0.24);
    const later = Math.max(0, Math.round((monthly * (1 + growth)) / 100) * 100);
    const laterWorkers = Math.max(1, Math.round(firm.workers * (1 + growth * 0.6 + random.normal(0, 0.1))));
    const practiceLater = Math.min(1, Math.max(0, practice + 0.05 + random.normal(0, 0.04)));
    outcomes.push(
      { id: `demo_out_k24_${firm.id.slice(-2)}_a`, firmId: firm.id, date: BASELINE_DATE, sales: monthly, workers: firm.workers, valueAdded: Math.round(monthly * 0.35), practiceScore: round2(practice), source: "import" },
      { id: `demo_out_k24_${firm.id.slice(-2)}_b`, firmId: firm.id, date: FOLLOW_UP_DATE, sales: later, workers: laterWorkers, valueAdded: Math.round(later * (0.35 + practice * 0.1)), practiceScore: round2(practiceLater), source: "import" },
    );
  }

  return {
    cohort: { id: cohort.id, name: cohort.name, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    firms,
    enrolments: earlier.firms.map((f) => ({ cohortId: cohort.id, firmId: f.id, consentAt: f.consentAt })),
    owners,
    cohortTrainers: [{ cohortId: cohort.id, userId: trainerId }],
    sessions: classes.sessions,
    attendances: classes.attendances.map((a, i) => ({ ...a, id: `demo_k24_att_${i.toString(36)}` })),
    learning,
    coaching,
    selections,
    outcomes,
  };
}

function round2(n: number) {
  return Math.round(n * 100) / 100;
}

/** Share of checklist points in place at each firm's latest visit. */
function latestPractice(coaching: DemoScreening["coaching"]): Map<string, number> {
  const latest = new Map<string, { date: number; id: string }>();
  for (const v of coaching.visits) {
    const known = latest.get(v.firmId);
    if (!known || v.date.getTime() > known.date) latest.set(v.firmId, { date: v.date.getTime(), id: v.id });
  }
  const points = new Map<string, { got: number; max: number }>();
  for (const s of coaching.scores) {
    const p = points.get(s.visitId) ?? { got: 0, max: 0 };
    p.got += s.value;
    p.max += checklistItem(s.itemKey)?.max ?? 1;
    points.set(s.visitId, p);
  }
  const out = new Map<string, number>();
  for (const [firmId, { id }] of latest) {
    const p = points.get(id);
    if (p && p.max > 0) out.set(firmId, p.got / p.max);
  }
  return out;
}

/** The engine's evidence from the generated rows, as evidence.server.ts would read them back. */
function evidenceOf(
  demo: DemoProgramme,
  classes: ReturnType<typeof generateDemoClassSessions>,
  attempts: DemoScreening["learning"]["attempts"],
  coaching: DemoScreening["coaching"],
): FirmEvidence[] {
  const cohort = demo.cohorts[0]!;
  const people = demo.people.map((p) => ({ id: p.id, firmId: p.firmId! }));
  const rates = cohortRates({
    sessions: classes.sessions,
    marks: classes.attendances.map((a) => ({ sessionId: a.sessionId, personId: a.personId, status: a.status as AttendanceStatus })),
    people,
    now: SELECTION_DATE,
  });
  const firmOf = new Map(people.map((p) => [p.id, p.firmId]));
  const quiz = new Map<string, Map<string, { pre?: { at: number; s: number }; first?: { at: number; s: number }; best?: number }>>();
  for (const a of attempts) {
    const firmId = firmOf.get(a.userId)!;
    const modules = quiz.get(firmId) ?? new Map();
    quiz.set(firmId, modules);
    const m = modules.get(a.moduleSlug) ?? {};
    modules.set(a.moduleSlug, m);
    const at = a.createdAt.getTime();
    if (a.kind === "pre" && (!m.pre || at < m.pre.at)) m.pre = { at, s: a.score / 100 };
    if (a.kind === "post") {
      if (!m.first || at < m.first.at) m.first = { at, s: a.score / 100 };
      m.best = Math.max(m.best ?? 0, a.score / 100);
    }
  }
  const scoresOf = new Map<string, { itemKey: string; value: number; max: number }[]>();
  for (const s of coaching.scores) {
    const item = checklistItem(s.itemKey);
    if (!item) continue;
    const list = scoresOf.get(s.visitId) ?? [];
    list.push({ itemKey: s.itemKey, value: s.value, max: item.max });
    scoresOf.set(s.visitId, list);
  }
  const actionsOf = new Map<string, { outcome: ActionOutcome | null }[]>();
  for (const a of coaching.actions) {
    const list = actionsOf.get(a.visitId) ?? [];
    list.push({ outcome: (a.outcome as ActionOutcome | null) ?? null });
    actionsOf.set(a.visitId, list);
  }
  const visitsOf = new Map<string, { date: Date; v: CoachingVisitEvidence; months: number | null }[]>();
  for (const v of coaching.visits) {
    // The score at selection time knows only the visits made by then.
    if (v.date.getTime() > SELECTION_DATE.getTime()) continue;
    const list = visitsOf.get(v.firmId) ?? [];
    list.push({ date: v.date, months: v.recordsMonthsSeen, v: { date: v.date.toISOString(), checklist: scoresOf.get(v.id) ?? [], actions: actionsOf.get(v.id) ?? [] } });
    visitsOf.set(v.firmId, list);
  }
  return demo.firms.map((f) => {
    const rate = rates.perFirm.get(f.id);
    const modules = quiz.get(f.id);
    const visits = (visitsOf.get(f.id) ?? []).sort((a, b) => a.date.getTime() - b.date.getTime());
    let months: number | null = null;
    for (const v of visits) if (v.months !== null) months = v.months;
    const quizEvidence: QuizModuleEvidence[] | undefined = modules
      ? [...modules].sort(([a], [b]) => (a < b ? -1 : 1)).map(([moduleSlug, m]) => ({ moduleSlug, preTestScore: m.pre?.s ?? null, postTestFirstScore: m.first?.s ?? null, postTestBestScore: m.best ?? null }))
      : undefined;
    return {
      id: f.id,
      cohortId: cohort.id,
      country: demo.clusters.find((c) => c.id === f.clusterId)!.country,
      sector: f.sector,
      attendance: rate && rate.held > 0 ? { held: rate.held, attended: rate.present, late: rate.late, excused: rate.excused } : undefined,
      quiz: quizEvidence,
      visits: visits.length > 0 ? visits.map((v) => v.v) : undefined,
      recordsMonthsSeen: months ?? undefined,
    };
  });
}
