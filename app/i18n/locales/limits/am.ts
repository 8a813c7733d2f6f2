import type { LimitsTexts } from "./en";

const limits: LimitsTexts = {
  tooLargeTitle: "ይህ ለመላክ በጣም ትልቅ ነው",
  tooLargeBody: "የላኩት ይህ ቅጽ ከሚቀበለው በላይ ትልቅ ነው ({{limit}})። እባክዎ ትናንሽ ፋይሎችን ወይም በአንድ ጊዜ ጥቂቶችን ይላኩ፤ ከዚያ እንደገና ይሞክሩ።",
  crossSiteTitle: "ይህ ቅጽ ከሌላ ድረ-ገጽ የመጣ ነው",
  crossSiteBody: "ለደህንነትዎ ሲባል የምንቀበለው ከዚህ መተግበሪያ ገጾች የተላኩ ቅጾችን ብቻ ነው። እባክዎ ገጹን እዚህ ከፍተው እንደገና ይላኩ።",
  controlCharacters: "እባክዎ የማይታዩ ወይም ልዩ ምልክቶችን ከዚህ ጽሑፍ ያስወግዱ።",
  dateTooEarly: "ይህ ቀን ፕሮግራሙ ከመጀመሩ በፊት ነው።",
  dateTooLate: "ይህ ቀን በጣም ሩቅ ነው፤ በፕሮግራሙ ጊዜ ውስጥ እና ከዛሬ ጀምሮ ከአንድ ዓመት ያልበለጠ መሆን አለበት።",
};

export default limits;
