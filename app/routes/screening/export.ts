import { requireProgrammeRole } from "~/auth/guards.server";
import { db } from "~/db/db.server";
import { exportTables } from "~/modules/screening/export.server";
import { readFilters } from "~/modules/screening/list";
import { isComparisonGroup } from "~/modules/screening/screening.server";
import { isoDate, toCsv } from "~/modules/screening/tabular";
import { workbook } from "~/modules/screening/xlsx";
import type { Route } from "./+types/export";

/** GET ?format=csv|xlsx (and the list's filters): the ranking and the decisions, as files. */
export async function loader(args: Route.LoaderArgs) {
  const { programmeId } = args.params;
  await requireProgrammeRole(args, programmeId, "manager");
  const url = new URL(args.request.url);
  const format = url.searchParams.get("format") ?? "csv";
  const groupParam = url.searchParams.get("group");
  const group = isComparisonGroup(groupParam) ? groupParam : "cohort";
  if (format !== "csv" && format !== "xlsx") return new Response("format must be csv or xlsx", { status: 400 });
  const tables = await exportTables(db, programmeId, group, readFilters(url.searchParams));
  const stem = `screening-${isoDate(new Date())}`;
  if (format === "xlsx") {
    return new Response(new Uint8Array(workbook(tables)), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${stem}.xlsx"`,
        "Cache-Control": "private, no-store",
      },
    });
  }
  // One CSV can hold one table: the ranking, with each firm's standing decision in its columns;
  // ?table=decisions gives the full decision history.
  const table = url.searchParams.get("table") === "decisions" ? tables[1]! : tables[0]!;
  return new Response(toCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${stem}-${table.name.toLowerCase()}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
