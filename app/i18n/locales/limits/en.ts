// Limits on what a request may carry: refusals of oversized or cross-site requests, and the
// shared checks on typed text and dates. Shown on the error page and beside form fields.
const limits = {
  tooLargeTitle: "This is too large to send",
  tooLargeBody: "What you sent is larger than this form accepts ({{limit}}). Send smaller files, or fewer at once, and try again.",
  crossSiteTitle: "This form came from another website",
  crossSiteBody: "For your safety we only accept forms sent from this app's own pages. Open the page here and send it again.",
  controlCharacters: "Remove the invisible or special characters from this text.",
  dateTooEarly: "This date is before the programme began.",
  dateTooLate: "This date is too far ahead: it must fall within the programme, and at most a year from today.",
};

export type LimitsTexts = typeof limits;
export default limits;
