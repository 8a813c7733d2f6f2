import { randomUUID } from "node:crypto";
import { textField } from "~/http/input";
import { readFormData } from "~/http/form.server";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "~/i18n/react";
import { data, Form, Link } from "react-router";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { PageTitle } from "~/components/page-title";
import { getLanguage } from "~/i18n/i18next.server";
import { LANGUAGE_CODES, LANGUAGES } from "~/i18n/languages";
import { COUNTRIES } from "~/modules/programmes/countries";
import { createOrganisation, createProgramme, listOrganisations } from "~/modules/programmes/organisations.server";
import type { Route } from "./+types/index";

const OrganisationSchema = z.object({
  intent: z.literal("create-organisation"),
  name: textField({ min: 2, max: 120 }),
  country: z.enum(COUNTRIES, { error: "form.invalidChoice" }),
});

const ProgrammeSchema = z.object({
  intent: z.literal("create-programme"),
  organisationId: z.string({ error: "form.invalidChoice" }).min(1, "form.invalidChoice"),
  name: textField({ min: 2, max: 120 }),
  startsOn: z.coerce.date({ error: "form.invalidDate" }),
  languages: z.array(z.enum(LANGUAGE_CODES, { error: "form.invalidChoice" }), { error: "form.invalidChoice" }).min(1, "form.invalidChoice"),
  clientKey: z.string().max(64).optional(),
});

export async function loader(args: Route.LoaderArgs) {
  requireAdmin(args);
  return {
    organisations: await listOrganisations(),
    language: getLanguage(args.context),
    // The programme form's idempotency key, new with every page load.
    clientKey: randomUUID(),
    constraints: { organisation: getZodConstraint(OrganisationSchema), programme: getZodConstraint(ProgrammeSchema) },
  };
}

export async function action(args: Route.ActionArgs) {
  const admin = requireAdmin(args);
  const formData = await readFormData(args.request);
  if (formData.get("intent") === "create-programme") {
    const submission = parseWithZod(formData, { schema: ProgrammeSchema });
    if (submission.status !== "success") return data({ programme: submission.reply(), organisation: null }, { status: 400 });
    const outcome = await createProgramme(submission.value, admin.id);
    if (!outcome.ok) {
      return data({ programme: submission.reply({ fieldErrors: { organisationId: ["form.invalidChoice"] } }), organisation: null }, { status: 400 });
    }
    return { programme: submission.reply({ resetForm: true }), organisation: null, created: { id: outcome.id, name: submission.value.name } };
  }
  const submission = parseWithZod(formData, { schema: OrganisationSchema });
  if (submission.status !== "success") return data({ organisation: submission.reply(), programme: null }, { status: 400 });
  const outcome = await createOrganisation(submission.value, admin.id);
  if (!outcome.ok) {
    return data({ organisation: submission.reply({ fieldErrors: { name: ["admin.nameTaken"] } }), programme: null }, { status: 400 });
  }
  return { organisation: submission.reply({ resetForm: true }), programme: null };
}

export default function Admin({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { organisations, language, constraints, clientKey } = loaderData;
  const [orgForm, orgFields] = useForm<z.input<typeof OrganisationSchema>>({ id: "organisation", lastResult: actionData?.organisation, constraint: constraints.organisation });
  const [progForm, progFields] = useForm<z.input<typeof ProgrammeSchema>>({ id: "programme", lastResult: actionData?.programme, constraint: constraints.programme });
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
  return (
    <div className="stack">
      <PageTitle>{t("admin.title")}</PageTitle>
      <h1>{t("admin.title")}</h1>
      {actionData && "created" in actionData && actionData.created ? (
        <p role="status" className="notice notice--success">
          {t("accounts.programmeCreated", { name: actionData.created.name })}{" "}
          <Link to={`/programmes/${actionData.created.id}/setup`}>{t("accounts.setUp")}</Link> ·{" "}
          <Link to={`/programmes/${actionData.created.id}/people`}>{t("accounts.people")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="organisations-title" className="stack">
        <h2 id="organisations-title">{t("admin.organisations")}</h2>
        {organisations.length === 0 ? (
          <p>{t("admin.noOrganisations")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("admin.columns.name")}</th>
                  <th scope="col">{t("admin.columns.country")}</th>
                  <th scope="col">{t("admin.columns.programmes")}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((organisation) => (
                  <tr key={organisation.id}>
                    <td>{organisation.name}</td>
                    <td>{t(`countries.${organisation.country as (typeof COUNTRIES)[number]}`)}</td>
                    <td>
                      <ul className="plain-list">
                        {organisation.programmes.map((programme) => (
                          <li key={programme.id} className="admin-programme">
                            <strong>{programme.name}</strong> ({dateFormat.format(new Date(programme.startsOn))})
                            <br />
                            <span className="muted">
                              {t("accounts.cohorts", { count: programme.cohorts })} · {t("accounts.firms", { count: programme.firms })} ·{" "}
                              {t("accounts.persons", { count: programme.people })}
                            </span>
                            <br />
                            <Link to={`/programmes/${programme.id}/setup`}>{t("accounts.setUp")}</Link> ·{" "}
                            <Link to={`/programmes/${programme.id}/people`}>{t("accounts.people")}</Link>
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="new-organisation-title" className="card stack">
        <h2 id="new-organisation-title">{t("admin.newOrganisation")}</h2>
        <Form method="post" {...getFormProps(orgForm)} className="stack">
          <FormErrors id={orgForm.errorId} errors={orgForm.errors} />
          <input type="hidden" name="intent" value="create-organisation" />
          <TextField label={t("admin.organisationName")} meta={orgFields.name} />
          <SelectField
            label={t("admin.country")}
            meta={orgFields.country}
            placeholder=""
            options={COUNTRIES.map((code) => ({ value: code, label: t(`countries.${code}`) }))}
          />
          <button type="submit" className="button button--primary">
            {t("admin.create")}
          </button>
        </Form>
      </section>

      {organisations.length > 0 ? (
        <section aria-labelledby="new-programme-title" className="card stack">
          <h2 id="new-programme-title">{t("admin.newProgramme")}</h2>
          <Form method="post" {...getFormProps(progForm)} className="stack">
            <FormErrors id={progForm.errorId} errors={progForm.errors} />
            <input type="hidden" name="intent" value="create-programme" />
            <input type="hidden" name="clientKey" value={clientKey} />
            <SelectField
              label={t("admin.organisation")}
              meta={progFields.organisationId}
              placeholder=""
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <TextField label={t("admin.programmeName")} meta={progFields.name} />
            <TextField label={t("admin.startsOn")} meta={progFields.startsOn} type="date" />
            <fieldset className="field">
              <legend>{t("admin.languages")}</legend>
              {LANGUAGES.map((l) => (
                <label key={l.code} className="checkbox" lang={l.code}>
                  <input type="checkbox" name="languages" value={l.code} defaultChecked={l.code === "en"} /> {l.name}
                </label>
              ))}
              <FormErrors errors={progFields.languages.errors} />
            </fieldset>
            <button type="submit" className="button button--primary">
              {t("admin.create")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
