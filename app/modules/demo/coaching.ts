import type { Db } from "~/db/db.server";
import { CHECKLIST } from "~/modules/coaching/checklist";
import { packScores } from "~/modules/coaching/scoring";
import type { DemoProgramme } from "./demo-programme";
import { seededRandom } from "./random";

/**
 * Demo coaching visits (../shared/DOMAIN.md, "Demo data"): 3-6 visits per firm, a few weeks
 * apart after the classes; practice 0.2-0.4 at the baseline rising by 0.1-0.25; two or three
 * actions agreed per visit, each reviewed at the next one (most done or partly done, some not).
 * Pure and deterministic; written by `loadDemoCoaching` in the demo's transaction.
 */
const DAY = 24 * 60 * 60 * 1000;

const ACTIONS: Record<string, readonly string[]> = {
  sw: [
    "Weka alama nyekundu kwenye vyuma chakavu na uviondoe",
    "Chora mahali pa kila zana ukutani",
    "Andika mauzo ya kila siku kwenye daftari",
    "Tenganisha pesa za biashara na za nyumbani",
    "Hesabu stoo ya vyuma kila Ijumaa",
    "Weka ratiba ya usafi ukutani",
    "Hesabu gharama ya geti moja",
    "Waulize wateja watatu maoni yao",
    "Andika kasoro kwenye fomu kila siku",
    "Andika lengo la mauzo la mwezi ujao",
  ],
  am: [
    "የማያስፈልጉ ቁርጥራጭ ቆዳዎችን ለይተህ አስወግድ",
    "ለእያንዳንዱ ቅርጽ (ሞዴል) የተወሰነ መደርደሪያ አዘጋጅ",
    "የዕለት ሽያጭን በደብተር መዝግብ",
    "የንግድና የቤት ገንዘብን ለይ",
    "የቆዳ ክምችትን በየሳምንቱ ቁጠር",
    "የጽዳት መርሐ ግብር ግድግዳ ላይ ለጥፍ",
    "የአንድ ጥንድ ጫማ ወጪ አስላ",
    "ሦስት ደንበኞችን አስተያየት ጠይቅ",
    "ጉድለቶችን በየቀኑ በቅጽ ላይ መዝግብ",
    "የሚቀጥለውን ወር የሽያጭ ግብ ጻፍ",
  ],
  en: [
    "Red-tag the scrap and remove it",
    "Mark a place for every tool",
    "Write daily sales in the book",
    "Keep business and household money apart",
    "Count the stock every Friday",
    "Post a cleaning routine on the wall",
    "Work out the cost of one main product",
    "Ask three customers for feedback",
    "Record defects on a check sheet every day",
    "Write a sales target for next month",
  ],
};

const NOTES: Record<string, readonly string[]> = {
  sw: ["Mmiliki yuko tayari kujaribu.", "Karakana ni safi kuliko mara iliyopita.", "Kumbukumbu bado hazijakamilika.", "Wafanyakazi wameanza kufuata ratiba."],
  am: ["ባለቤቱ ለመሞከር ዝግጁ ነው።", "የሥራ ቦታው ካለፈው ጊዜ የበለጠ ንጹሕ ነው።", "መዝገቦቹ ገና ሙሉ አይደሉም።", "ሠራተኞቹ መርሐ ግብሩን መከተል ጀምረዋል።"],
  en: ["The owner is keen to try.", "The workshop is tidier than last time.", "Records are still incomplete.", "Workers have started to follow the routine."],
};

export type DemoCoaching = {
  visits: { id: string; clientId: string; firmId: string; coachId: string; date: Date; durationMinutes: number; notes: string; recordsMonthsSeen: number | null }[];
  scores: { visitId: string; itemKey: string; value: number }[];
  actions: { id: string; visitId: string; position: number; text: string; outcome: string | null; reviewedAtVisitId: string | null }[];
};

export function generateDemoCoaching(demo: DemoProgramme, seed = 5150): DemoCoaching {
  const random = seededRandom(seed);
  const out: DemoCoaching = { visits: [], scores: [], actions: [] };
  const cohorts = new Map(demo.cohorts.map((c) => [c.id, c]));
  const languageOf = (firmId: string) => demo.people.find((p) => p.firmId === firmId)?.language ?? "en";
  for (const firm of demo.firms) {
    const cohort = cohorts.get(firm.cohortId)!;
    const language = ACTIONS[languageOf(firm.id)] ? languageOf(firm.id) : "en";
    const count = random.int(3, 6);
    const baseline = 0.2 + random.next() * 0.2;
    const gain = 0.1 + random.next() * 0.15;
    const diligence = random.next();
    let day = 24 + random.int(0, 10);
    let months = random.chance(0.5) ? 0 : 1;
    let pending: DemoCoaching["actions"] = [];
    // Each practice has its own difficulty for this firm: once the firm's level passes it, the
    // practice is in place and tends to stay (practices, once adopted, last).
    const thresholds = new Map(CHECKLIST.map((item) => [item.key, Array.from({ length: item.max }, () => random.next())]));
    for (let k = 0; k < count; k++) {
      const id = `demo_vis_${firm.id.slice(9)}_${k + 1}`;
      const level = baseline + (gain * k) / Math.max(1, count - 1);
      months = Math.min(24, months + (k === 0 ? 0 : random.int(0, 2)));
      out.visits.push({
        id,
        clientId: `demo-visit-${firm.id}-${k + 1}`,
        firmId: firm.id,
        coachId: cohort.trainerIds[0]!,
        date: new Date(cohort.endsOn.getTime() + day * DAY),
        durationMinutes: random.pick([120, 135, 150, 165, 180]),
        notes: random.pick(NOTES[language]!),
        recordsMonthsSeen: random.chance(0.85) ? months : null,
      });
      day += random.int(28, 45);
      for (const item of CHECKLIST) {
        if (random.chance(0.05)) continue; // not seen this time
        const seen = level + random.normal(0, 0.04);
        out.scores.push({ visitId: id, itemKey: item.key, value: thresholds.get(item.key)!.filter((t) => t < seen).length });
      }
      for (const action of pending) {
        const roll = random.next() * 0.6 + diligence * 0.4;
        action.outcome = roll > 0.55 ? "done" : roll > 0.35 ? "partly" : "not_done";
        action.reviewedAtVisitId = id;
      }
      const pool = [...ACTIONS[language]!];
      pending = Array.from({ length: random.int(2, 3) }, (_, position) => ({
        id: `demo_act_${firm.id.slice(9)}_${k + 1}_${position + 1}`,
        visitId: id,
        position,
        text: pool.splice(Math.floor(random.next() * pool.length), 1)[0]!,
        outcome: null,
        reviewedAtVisitId: null,
      }));
      out.actions.push(...pending);
    }
  }
  return out;
}

/** Writes the demo visits inside the demo's transaction. */
export async function loadDemoCoaching(tx: Pick<Db, "coachingVisit" | "checklistScore" | "actionItem">, demo: DemoProgramme): Promise<void> {
  const coaching = generateDemoCoaching(demo);
  await tx.coachingVisit.createMany({
    data: coaching.visits.map((v) => ({ ...v, programmeId: demo.programme.id, checklistPacked: packScores(coaching.scores.filter((s) => s.visitId === v.id)) })),
  });
  await tx.checklistScore.createMany({ data: coaching.scores });
  await tx.actionItem.createMany({ data: coaching.actions });
}
