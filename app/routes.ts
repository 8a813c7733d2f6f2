import { type RouteConfig, index, prefix, route } from "@react-router/dev/routes";

// The site map. `npx react-router routes` prints it as a tree.
export default [
  index("routes/home.tsx"),

  // Signing in and out, joining with an invitation code, one's own account
  route("sign-in", "routes/auth/sign-in.tsx"),
  route("sign-out", "routes/auth/sign-out.ts"),
  route("join", "routes/auth/join.tsx"),
  route("account", "routes/auth/account.tsx"),
  route("reset", "routes/auth/reset.tsx"),
  route("language", "routes/language.ts"),

  // Owners' learning
  route("lessons/:slug", "routes/learning/lesson.tsx"),
  // Learning (issue 4): quizzes before and after a lesson, their results, results for trainers
  route("lessons/:slug/quiz/:kind", "routes/learning/quiz.tsx"),
  route("lessons/:slug/attempts/:attemptId", "routes/learning/attempt.tsx"),
  route("programmes/:programmeId/learning", "routes/learning/report.tsx"),
  // End of learning

  // Programme set-up for managers
  ...prefix("programmes/:programmeId", [route("invitations", "routes/programmes/invitations.tsx")]),

  // Class delivery (issue 3): sessions, roll-call, attendance sheets and figures, roster set-up
  route("classes", "routes/attendance/classes.tsx"),
  route("cohorts/:cohortId", "routes/attendance/cohort.tsx"),
  route("sessions/:sessionId", "routes/attendance/roll-call.tsx"),
  route("sessions/:sessionId/sheet", "routes/attendance/sheet.tsx"),
  // Corrections to a session: reschedule, change, cancel with a reason, delete before the roll
  route("sessions/:sessionId/edit", "routes/attendance/session-edit.tsx"),
  route("my-attendance", "routes/attendance/mine.tsx"),
  route("programmes/:programmeId/setup", "routes/programmes/setup.tsx"),
  route("programmes/:programmeId/roster", "routes/programmes/roster.tsx"),
  route("programmes/:programmeId/codes", "routes/programmes/codes.tsx"),
  // End of class delivery

  // On-site coaching (issue 5): the trainer's firms, the visit form, a firm's timeline, photos
  route("coaching", "routes/coaching/firms.tsx"),
  route("firms/:firmId/visits", "routes/coaching/timeline.tsx"),
  route("firms/:firmId/visits/new", "routes/coaching/visit-form.tsx"),
  // Corrections to a visit: edit (author within 14 days, managers always), withdraw, remove photos
  route("firms/:firmId/visits/:visitId/edit", "routes/coaching/visit-edit.tsx"),
  route("visit-photos/:photoId", "routes/coaching/photo.ts"),
  // End of coaching

  // Screening (issue 6): ranked list, a firm's breakdown and decision, model versions, exports,
  // follow-up outcomes and predictive validity; an owner's own result
  ...prefix("programmes/:programmeId/screening", [
    index("routes/screening/list.tsx"),
    route("firms/:firmId", "routes/screening/firm.tsx"),
    route("model", "routes/screening/model.tsx"),
    route("export", "routes/screening/export.ts"),
    route("outcomes", "routes/screening/outcomes.tsx"),
    route("validity", "routes/screening/validity.tsx"),
    // Deciding for the top firms of a class or group in one step
    route("bulk", "routes/screening/bulk.tsx"),
    route("calibration", "routes/screening/calibration.tsx"),
  ]),
  route("my-screening", "routes/screening/mine.tsx"),
  // End of screening

  // Finding people: search for staff, and each class's owners to call about attendance
  route("search", "routes/people/search.tsx"),
  route("cohorts/:cohortId/to-call", "routes/people/to-call.tsx"),

  // Randomised evaluation (issue 15): set-up and assignment, results, files for analysts
  ...prefix("programmes/:programmeId/experiment", [
    index("routes/experiments/setup.tsx"),
    route("results", "routes/experiments/results.tsx"),
    route("export", "routes/experiments/export.ts"),
    route("codebook", "routes/experiments/codebook.ts"),
  ]),
  // End of randomised evaluation

  // Platform administration
  ...prefix("admin", [index("routes/admin/index.tsx")]),
  // People of a programme: roles, managers appointed, reset codes, deactivation
  route("programmes/:programmeId/people", "routes/programmes/people.tsx"),

  // Plumbing
  route("locales/:lng", "routes/locales.ts"),
  route("healthz", "routes/healthz.ts"),
] satisfies RouteConfig;
