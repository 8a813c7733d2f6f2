import type { LimitsTexts } from "./en";

const limits: LimitsTexts = {
  tooLargeTitle: "Hiki ni kikubwa mno kutuma",
  tooLargeBody: "Ulichotuma ni kikubwa kuliko fomu hii inavyopokea ({{limit}}). Tafadhali tuma faili ndogo zaidi, au chache kwa wakati mmoja, kisha ujaribu tena.",
  crossSiteTitle: "Fomu hii imetoka kwenye tovuti nyingine",
  crossSiteBody: "Kwa usalama wako tunapokea fomu zinazotumwa kutoka kurasa za mfumo huu pekee. Tafadhali fungua ukurasa hapa na utume tena.",
  controlCharacters: "Tafadhali ondoa herufi zisizoonekana au za pekee kwenye maandishi haya.",
  dateTooEarly: "Tarehe hii ni kabla ya programu kuanza.",
  dateTooLate: "Tarehe hii ni ya mbali mno: iwe ndani ya muda wa programu, na isizidi mwaka mmoja kuanzia leo.",
};

export default limits;
