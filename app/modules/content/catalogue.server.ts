import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { LANGUAGE_CODES, type Language } from "~/i18n/languages";
import { ContentError, describeIssues, LessonFrontmatter, Quiz, SLUG } from "./schema";

/**
 * The modules in content/modules, read and validated. A module's version is the hash of all
 * its files: attempts and progress store it, and compiled lessons are cached under it.
 */
export type Lesson = { language: Language; file: string; source: string; frontmatter: LessonFrontmatter };

export type Module = {
  slug: string;
  order: number;
  version: string;
  lessons: Partial<Record<Language, Lesson>>;
  quiz: Quiz;
};

export function contentRoot(): string {
  return path.resolve(process.env.CONTENT_DIR ?? "content");
}

/** Reads one module folder; throws ContentError naming the file and field on any problem. */
export function readModule(dir: string): Module {
  const slug = path.basename(dir);
  if (!SLUG.test(slug)) throw new ContentError(dir, [`folder name "${slug}" must be lower-case words joined by dashes`]);
  const hash = createHash("sha256");
  const lessons: Partial<Record<Language, Lesson>> = {};
  for (const language of LANGUAGE_CODES) {
    const file = path.join(dir, `${language}.mdx`);
    if (!existsSync(file)) continue;
    const raw = readFileSync(file, "utf8");
    hash.update(`${language}\0${raw}\0`);
    const { data, content } = matter(raw);
    const parsed = LessonFrontmatter.safeParse(data);
    if (!parsed.success) throw new ContentError(file, describeIssues(parsed.error));
    lessons[language] = { language, file, source: content, frontmatter: parsed.data };
  }
  const english = lessons.en;
  if (!english) throw new ContentError(path.join(dir, "en.mdx"), ["missing: English is the source of every module"]);
  for (const lesson of Object.values(lessons)) {
    if (lesson.frontmatter.order !== english.frontmatter.order) {
      throw new ContentError(lesson.file, [`order: ${lesson.frontmatter.order} differs from en.mdx (${english.frontmatter.order})`]);
    }
  }

  const quizFile = path.join(dir, "quiz.json");
  if (!existsSync(quizFile)) throw new ContentError(quizFile, ["missing: every module has a quiz"]);
  const quizRaw = readFileSync(quizFile, "utf8");
  hash.update(`quiz\0${quizRaw}`);
  let quizJson: unknown;
  try {
    quizJson = JSON.parse(quizRaw);
  } catch (error) {
    throw new ContentError(quizFile, [`not valid JSON: ${(error as Error).message}`]);
  }
  const quiz = Quiz.safeParse(quizJson);
  if (!quiz.success) throw new ContentError(quizFile, describeIssues(quiz.error));

  return {
    slug,
    order: english.frontmatter.order,
    version: hash.digest("hex").slice(0, 16),
    lessons,
    quiz: quiz.data,
  };
}

export function readCatalogue(root = contentRoot()): Module[] {
  const modulesDir = path.join(root, "modules");
  if (!existsSync(modulesDir)) return [];
  const modules = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readModule(path.join(modulesDir, entry.name)));
  const orders = new Map<number, string>();
  for (const module of modules) {
    const other = orders.get(module.order);
    if (other) throw new ContentError(path.join(modulesDir, module.slug, "en.mdx"), [`order: ${module.order} is also used by ${other}`]);
    orders.set(module.order, module.slug);
  }
  return modules.sort((a, b) => a.order - b.order);
}

let cached: Module[] | undefined;

/** Production reads the folder once; development re-reads it so that edits show on reload. */
export function catalogue(): Module[] {
  if (process.env.NODE_ENV !== "production") return readCatalogue();
  cached ??= readCatalogue();
  return cached;
}

export function findModule(slug: string): Module | undefined {
  return catalogue().find((m) => m.slug === slug);
}

/** The lesson in the reader's language, or the English one with a notice when it is not written yet. */
export function lessonFor(module: Module, language: Language): { lesson: Lesson; fallback: boolean } {
  const own = module.lessons[language];
  if (own) return { lesson: own, fallback: false };
  return { lesson: module.lessons.en!, fallback: language !== "en" };
}
