import { redirect } from "react-router";
import { logout } from "~/auth/guards.server";
import type { Route } from "./+types/sign-out";

export async function action(args: Route.ActionArgs) {
  return logout(args);
}

export function loader() {
  return redirect("/");
}
