import type { Country, Sector } from "~/modules/programmes/countries";

/**
 * Made-up but plausible people and workshops for each demo cluster: names, firm names and phone
 * prefixes that fit the country. Invented for the demo; any likeness to a real firm is chance.
 */
export type Place = {
  country: Country;
  language: "en" | "sw" | "am" | "vi";
  cluster: { name: string; town: string; sector: Sector };
  phonePrefix: string;
  femaleNames: readonly string[];
  maleNames: readonly string[];
  familyNames: readonly string[];
  firmPatterns: readonly ((owner: { given: string; family: string }) => string)[];
};

export const KARIOBANGI: Place = {
  country: "KE",
  language: "sw",
  cluster: { name: "Kariobangi Light Industries", town: "Nairobi", sector: "metalwork" },
  phonePrefix: "2547",
  femaleNames: ["Wanjiru", "Akinyi", "Njeri", "Achieng", "Mwende", "Wairimu", "Nafula", "Chebet", "Zawadi", "Atieno"],
  maleNames: ["Otieno", "Kamau", "Mwangi", "Ochieng", "Kiprop", "Mutua", "Omondi", "Njoroge", "Wekesa", "Barasa", "Juma", "Kariuki", "Onyango", "Kilonzo"],
  familyNames: ["Kamau", "Otieno", "Mwangi", "Odhiambo", "Wafula", "Mutiso", "Njoroge", "Kiptoo", "Owino", "Maina", "Nyaga", "Were", "Gitau", "Musyoka"],
  firmPatterns: [
    (o) => `${o.family} Welding Works`,
    (o) => `${o.given} Metal Fabricators`,
    (o) => `Jua Kali ${o.family} Gates & Grills`,
    (o) => `${o.family} Engineering Works`,
    (o) => `${o.given} & Sons Steel Works`,
    (o) => `Kariobangi ${o.family} Fabrication`,
    (o) => `${o.family} Motor Spares & Repairs`,
  ],
};

export const MERKATO: Place = {
  country: "ET",
  language: "am",
  cluster: { name: "መርካቶ ጫማ ሰሪዎች (Merkato shoe makers)", town: "Addis Ababa", sector: "shoes_leather" },
  phonePrefix: "2519",
  femaleNames: ["ሰላም", "ሕይወት", "መሠረት", "ትዕግሥት", "ብርቱካን", "ፀሐይ", "አልማዝ", "ሔለን"],
  maleNames: ["አበበ", "ተስፋዬ", "ዳዊት", "ሙሉጌታ", "ብርሃኑ", "ሳምሶን", "ዮሐንስ", "ግርማ", "ደረጄ", "ኃይሉ", "ሰለሞን", "ታደሰ"],
  familyNames: ["በቀለ", "ታደሰ", "ገብሬ", "ወልደ", "አለሙ", "ከበደ", "ኃይሌ", "መንግሥቱ", "ደምሴ", "ጌታቸው", "አሰፋ", "ተሾመ"],
  firmPatterns: [
    (o) => `${o.given} ጫማ ሥራ`,
    (o) => `${o.given} ${o.family} የቆዳ ውጤቶች`,
    (o) => `${o.family} Leather Works`,
    (o) => `${o.given} Shoe Factory`,
    (o) => `መርካቶ ${o.given} ጫማ`,
  ],
};
