import { KARIOBANGI, MERKATO, type Place } from "./places";
import { type Random, seededRandom } from "./random";

/**
 * The demo programme (../shared/DOMAIN.md, "Demo data"): one agency, one programme, two
 * clusters in two countries and languages, a cohort of 25-45 firms in each, firms of mostly 2-10
 * workers, an owner per firm (a few firms have two), a trainer per cohort, a manager and an admin.
 * Pure and deterministic: the same seed gives the same programme. Everything is labelled demo.
 */
export const DEMO_PASSWORD = "kaizen-demo";

export type DemoAccount = { role: "admin" | "manager" | "trainer" | "owner"; name: string; signIn: string; language: string; note: string };

type Person = {
  id: string;
  name: string;
  username: string | null;
  email: string | null;
  phone: string | null;
  language: string;
  isAdmin: boolean;
  firmId: string | null;
  /** Demo accounts get the demo password; other roster people have no password until they redeem a code. */
  hasPassword: boolean;
};

export type DemoProgramme = {
  organisation: { id: string; name: string; country: string };
  programme: { id: string; name: string; languages: string; startsOn: Date; endsOn: Date };
  clusters: { id: string; name: string; town: string; country: string; sector: string }[];
  cohorts: { id: string; name: string; startsOn: Date; endsOn: Date; trainerIds: string[] }[];
  firms: { id: string; clusterId: string; cohortId: string; name: string; sector: string; workers: number; foundedYear: number; consentAt: Date }[];
  people: Person[];
  memberships: { userId: string; role: "manager" | "trainer" | "owner" }[];
  invitations: { code: string; role: "owner" | "trainer"; name: string; firmId: string | null; userId: string | null; cohortId: string | null }[];
  accounts: DemoAccount[];
};

const DAY = 24 * 60 * 60 * 1000;

function idMaker(random: Random) {
  return (prefix: string) => `demo_${prefix}_${Math.floor(random.next() * 2 ** 48).toString(36)}${Math.floor(random.next() * 2 ** 24).toString(36)}`;
}

/** Firm sizes: mostly 2-10 workers, a few larger (right-skewed like the published surveys). */
function workersFor(random: Random): number {
  return Math.max(1, Math.min(25, Math.round(Math.exp(random.normal(1.55, 0.55)))));
}

export function generateDemoProgramme(seed = 20260201): DemoProgramme {
  const random = seededRandom(seed);
  const id = idMaker(random);
  const startsOn = new Date("2026-02-02T00:00:00Z");
  const data: DemoProgramme = {
    organisation: { id: id("org"), name: "Regional KAIZEN Support Unit (demo)", country: "KE" },
    programme: { id: id("prg"), name: "KAIZEN for Small Workshops 2026", languages: "en,sw,am", startsOn, endsOn: new Date(startsOn.getTime() + 365 * DAY) },
    clusters: [],
    cohorts: [],
    firms: [],
    people: [],
    memberships: [],
    invitations: [],
    accounts: [],
  };
  const usedPhones = new Set<string>();

  const person = (p: Partial<Person> & Pick<Person, "name" | "language">): Person => {
    const full: Person = { id: id("usr"), username: null, email: null, phone: null, isAdmin: false, firmId: null, hasPassword: false, ...p };
    data.people.push(full);
    return full;
  };

  const admin = person({ name: "Platform Admin", username: "admin", email: "admin@demo.kaizen.test", language: "en", isAdmin: true, hasPassword: true });
  data.accounts.push({ role: "admin", name: admin.name, signIn: "admin", language: "en", note: "organisations, programmes" });

  const manager = person({ name: "Grace Wanjiku", username: "manager", email: "manager@demo.kaizen.test", language: "en", hasPassword: true });
  data.memberships.push({ userId: manager.id, role: "manager" });
  data.accounts.push({ role: "manager", name: manager.name, signIn: "manager@demo.kaizen.test", language: "en", note: "the whole programme, invitation codes" });

  const cohortPlans: { place: Place; size: number; cohortName: string; trainer: { name: string; username: string; phone: string }; offsetDays: number }[] = [
    {
      place: KARIOBANGI,
      size: 38,
      cohortName: "Kariobangi metalwork 2026",
      trainer: { name: "Peter Mwangi", username: "trainer.nairobi", phone: "254711000101" },
      offsetDays: 0,
    },
    {
      place: MERKATO,
      size: 31,
      cohortName: "Merkato shoes 2026",
      trainer: { name: "ሕይወት በቀለ", username: "trainer.addis", phone: "251911000201" },
      offsetDays: 14,
    },
  ];

  for (const plan of cohortPlans) {
    const { place } = plan;
    const cluster = { id: id("clu"), name: place.cluster.name, town: place.cluster.town, country: place.country, sector: place.cluster.sector };
    data.clusters.push(cluster);
    const trainer = person({ name: plan.trainer.name, username: plan.trainer.username, phone: plan.trainer.phone, language: place.language, hasPassword: true });
    usedPhones.add(plan.trainer.phone);
    data.memberships.push({ userId: trainer.id, role: "trainer" });
    data.accounts.push({ role: "trainer", name: trainer.name, signIn: `+${plan.trainer.phone}`, language: place.language, note: `${plan.cohortName}` });
    const cohortStart = new Date(startsOn.getTime() + plan.offsetDays * DAY);
    const cohort = { id: id("coh"), name: plan.cohortName, startsOn: cohortStart, endsOn: new Date(cohortStart.getTime() + 21 * DAY), trainerIds: [trainer.id] };
    data.cohorts.push(cohort);

    const usedFirmNames = new Set<string>();
    for (let i = 0; i < plan.size; i++) {
      const female = random.chance(0.4);
      const given = random.pick(female ? place.femaleNames : place.maleNames);
      const family = random.pick(place.familyNames);
      let firmName = random.pick(place.firmPatterns)({ given, family });
      while (usedFirmNames.has(firmName)) firmName = `${firmName} ${random.int(2, 9)}`;
      usedFirmNames.add(firmName);
      const firm = {
        id: id("frm"),
        clusterId: cluster.id,
        cohortId: cohort.id,
        name: firmName,
        sector: place.cluster.sector,
        workers: workersFor(random),
        foundedYear: random.int(1996, 2023),
        consentAt: new Date(cohortStart.getTime() - random.int(1, 10) * DAY),
      };
      data.firms.push(firm);

      const ownerCount = random.chance(0.1) ? 2 : 1;
      for (let o = 0; o < ownerCount; o++) {
        const demo = i < 3 && o === 0;
        let phone = demo ? `${place.phonePrefix}22000${String(i + 1).padStart(3, "0")}` : "";
        while (!phone || usedPhones.has(phone)) phone = `${place.phonePrefix}${random.int(10_000_000, 99_999_999)}`;
        usedPhones.add(phone);
        const ownerGiven = o === 0 ? given : random.pick(random.chance(0.5) ? place.femaleNames : place.maleNames);
        const owner = person({ name: `${ownerGiven} ${family}`, phone, language: place.language, firmId: firm.id, hasPassword: demo });
        data.memberships.push({ userId: owner.id, role: "owner" });
        if (demo) {
          data.accounts.push({ role: "owner", name: owner.name, signIn: `+${phone}`, language: place.language, note: firm.name });
        } else if (i < 8) {
          // A few owners on the roster have not made their account yet: their codes are waiting.
          data.invitations.push({ code: invitationCode(random), role: "owner", name: owner.name, firmId: firm.id, userId: owner.id, cohortId: cohort.id });
        }
      }
    }
  }
  data.invitations.push({ code: invitationCode(random), role: "trainer", name: "Second trainer (not yet joined)", firmId: null, userId: null, cohortId: data.cohorts[0]!.id });
  return data;
}

const CODE_ALPHABET = "34679ABCDEFGHJKMNPQRTUVWXY";
function invitationCode(random: Random): string {
  return Array.from({ length: 8 }, () => random.pick([...CODE_ALPHABET])).join("");
}
