/** Roles, from the most to the least powerful, and which one a person is shown as. */
export const ROLES = ["manager", "trainer", "owner"] as const;
export type ProgrammeRole = (typeof ROLES)[number];

/** The signed-in person as every page sees them. */
export type SessionUser = {
  id: string;
  name: string;
  language: string;
  isAdmin: boolean;
  firmId: string | null;
  memberships: { programmeId: string; programmeName: string; role: ProgrammeRole }[];
};

export function mainRoleOf(person: Pick<SessionUser, "isAdmin" | "memberships">): ProgrammeRole | "admin" | null {
  if (person.isAdmin) return "admin";
  for (const role of ROLES) if (person.memberships.some((m) => m.role === role)) return role;
  return null;
}
