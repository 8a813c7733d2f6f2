import { z } from "zod";
import { LANGUAGE_CODES, type Language } from "~/i18n/languages";

/** The shape of content files (content/README.md). Pure: used by the build check and the server. */

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const LessonFrontmatter = z
  .object({
    title: z.string().trim().min(3).max(80),
    summary: z.string().trim().min(10).max(300),
    order: z.number().int().min(1).max(99),
    minutes: z.number().int().min(1).max(60),
    objectives: z.array(z.string().trim().min(3).max(200)).min(2).max(6),
  })
  .strict();
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>;

const Localised = z.object(Object.fromEntries(LANGUAGE_CODES.map((code) => [code, z.string().trim().min(1)])) as Record<Language, z.ZodString>).strict();
export type Localised = Record<Language, string>;

const QuizOption = z
  .object({ id: z.string().regex(/^[a-z]$/), text: Localised, explanation: Localised })
  .strict();

const QuizQuestion = z
  .object({
    id: z.string().regex(/^[a-z0-9]+-\d+$/, "question id must look like km-1"),
    prompt: Localised,
    options: z.array(QuizOption).min(2).max(6),
    answer: z.string(),
  })
  .strict()
  .superRefine((question, ctx) => {
    const ids = question.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["options"], message: "option ids repeat" });
    if (!ids.includes(question.answer)) ctx.addIssue({ code: "custom", path: ["answer"], message: `answer "${question.answer}" is not an option id` });
  });

export const Quiz = z
  .object({ questions: z.array(QuizQuestion).min(5) })
  .strict()
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["questions", index, "id"], message: `question id "${id}" repeats` });
      seen.add(id);
    });
  });
export type Quiz = z.infer<typeof Quiz>;

/** A content file that does not follow the rules: the message names the file and the field. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(file)"}: ${issue.message}`);
}
