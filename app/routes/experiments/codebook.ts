import { requireProgrammeRole } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { getI18n } from "~/i18n/i18next.server";
import { experimentExport } from "~/modules/experiments/experiments.server";
import { toCsv } from "~/modules/screening/tabular";
import type { Route } from "./+types/codebook";

/** GET: what each column of the firms' CSV holds (CSV); 400 with the reason before the freeze. */
export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const file = await experimentExport(db, programmeId);
  if (!file.ok) return new Response(getI18n(args.context).t(`experiments.refused.${file.reason}`), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(toCsv(file.codebook), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="experiment-codebook.csv"`, "Cache-Control": "private, no-store" },
  });
}
