import { type AttendanceStatus, cohortRates } from "~/modules/attendance/rates";
import type { DemoProgramme } from "./demo-programme";
import { seededRandom } from "./random";

/**
 * The demo cohorts' classroom training (../shared/DOMAIN.md): 15 sessions of 2.5 hours over three
 * weeks (Monday to Friday), the cohort's trainer taking the roll each time. Most firms come 70-90%
 * of the time; 10-20% of the firms rarely come. Pure and deterministic, from its own seed.
 */
export type DemoClassSession = { id: string; cohortId: string; date: Date; startTime: string; endTime: string; venue: string; modules: string; trainerId: string };
export type DemoAttendance = { sessionId: string; personId: string; status: AttendanceStatus; recordedById: string; recordedAt: Date; source: "web" | "paper"; clientId: string };

const MODULE_ORDER = [
  "kaizen-mindset",
  "seven-wastes",
  "5s-sort-and-set",
  "5s-shine-standardise-sustain",
  "layout-and-flow",
  "quality-basics",
  "maintenance-and-safety",
  "record-keeping",
  "costing-pricing-stock",
  "customers-and-pdca",
];
const SESSIONS = 15;
const DAY = 24 * 60 * 60 * 1000;

export function generateDemoClassSessions(demo: DemoProgramme, seed = 3003): { sessions: DemoClassSession[]; attendances: DemoAttendance[] } {
  const random = seededRandom(seed);
  const sessions: DemoClassSession[] = [];
  const attendances: DemoAttendance[] = [];
  for (const cohort of demo.cohorts) {
    const cluster = demo.clusters.find((c) => demo.firms.some((f) => f.cohortId === cohort.id && f.clusterId === c.id));
    const venue = cluster ? `${cluster.name}, ${cluster.town}` : cohort.name;
    const trainerId = cohort.trainerIds[0]!;
    const owners = demo.people.filter((p) => p.firmId && demo.firms.some((f) => f.id === p.firmId && f.cohortId === cohort.id));
    const firmIds = [...new Set(owners.map((o) => o.firmId!))];
    // About one firm in seven rarely comes; the others come most of the time.
    const rare = new Set<string>();
    while (rare.size < Math.round(firmIds.length * 0.15)) rare.add(random.pick(firmIds));
    const propensity = new Map(firmIds.map((id) => [id, rare.has(id) ? 0.1 + random.next() * 0.2 : 0.72 + random.next() * 0.22]));
    const days: Date[] = [];
    for (let d = new Date(cohort.startsOn); days.length < SESSIONS; d = new Date(d.getTime() + DAY)) {
      const weekday = d.getUTCDay();
      if (weekday !== 0 && weekday !== 6) days.push(d);
    }
    days.forEach((date, i) => {
      const id = `${cohort.id}_s${String(i + 1).padStart(2, "0")}`;
      // Ten modules over fifteen sessions: the longer ones take two.
      const modules = MODULE_ORDER[Math.min(MODULE_ORDER.length - 1, Math.floor((i * MODULE_ORDER.length) / SESSIONS))]!;
      sessions.push({ id, cohortId: cohort.id, date, startTime: "09:00", endTime: "11:30", venue, modules, trainerId });
      const paper = random.chance(0.2);
      const recordedAt = new Date(date.getTime() + (paper ? 15 : 9.5) * 60 * 60 * 1000);
      for (const owner of owners) {
        const firstOwner = owners.find((o) => o.firmId === owner.firmId)!.id === owner.id;
        const p = propensity.get(owner.firmId!)! * (firstOwner ? 1 : 0.6);
        const roll = random.next();
        const status: AttendanceStatus = roll < p ? (random.chance(0.1) ? "late" : "present") : random.chance(0.15) ? "excused" : "absent";
        attendances.push({ sessionId: id, personId: owner.id, status, recordedById: trainerId, recordedAt, source: paper ? "paper" : "web", clientId: `demo:${id}:${owner.id}` });
      }
    });
  }
  return { sessions, attendances };
}

/** The demo's firm attendance rates per cohort, for its test and for a glance. */
export function demoFirmRates(demo: DemoProgramme, generated = generateDemoClassSessions(demo)) {
  return demo.cohorts.map((cohort) => {
    const people = demo.people.filter((p) => p.firmId && demo.firms.some((f) => f.id === p.firmId && f.cohortId === cohort.id)).map((p) => ({ id: p.id, firmId: p.firmId! }));
    const sessions = generated.sessions.filter((s) => s.cohortId === cohort.id);
    const ids = new Set(sessions.map((s) => s.id));
    const marks = generated.attendances.filter((a) => ids.has(a.sessionId));
    return cohortRates({ sessions, marks, people, now: new Date("2030-01-01") });
  });
}
