import type { LimitsTexts } from "./en";

const limits: LimitsTexts = {
  tooLargeTitle: "Hiki ni kikubwa mno kutuma",
  tooLargeBody: "Ulichotuma ni kikubwa kuliko fomu hii inavyopokea ({{limit}}). Tafadhali tuma faili ndogo zaidi, au chache kwa wakati mmoja, kisha ujaribu tena.",
  crossSiteTitle: "Fomu hii imetoka kwenye tovuti nyingine",
  crossSiteBody: "Kwa usalama wako tunapokea fomu zinazotumwa kutoka kurasa za mfumo huu pekee. Tafadhali fungua ukurasa hapa na utume tena.",
  controlCharacters: "Tafadhali ondoa herufi zisizoonekana au za pekee kwenye maandishi haya.",
  dateTooEarly: "Tarehe hii ni ya mapema mno: iwe {{date}} au baadaye.",
  dateTooLate: "Tarehe hii ni ya mbali mno: iwe {{date}} au kabla yake.",
};

export default limits;
