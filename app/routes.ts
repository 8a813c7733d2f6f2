import { type RouteConfig, index, prefix, route } from "@react-router/dev/routes";

// The site map. `npx react-router routes` prints it as a tree.
export default [
  index("routes/home.tsx"),

  // Signing in and out, joining with an invitation code, one's own account
  route("sign-in", "routes/auth/sign-in.tsx"),
  route("sign-out", "routes/auth/sign-out.ts"),
  route("join", "routes/auth/join.tsx"),
  route("account", "routes/auth/account.tsx"),
  route("language", "routes/language.ts"),

  // Owners' learning
  route("lessons/:slug", "routes/learning/lesson.tsx"),

  // Programme set-up for managers
  ...prefix("programmes/:programmeId", [route("invitations", "routes/programmes/invitations.tsx")]),

  // Platform administration
  ...prefix("admin", [index("routes/admin/index.tsx")]),

  // Plumbing
  route("locales/:lng", "routes/locales.ts"),
  route("healthz", "routes/healthz.ts"),
] satisfies RouteConfig;
