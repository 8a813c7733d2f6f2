import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGE_CODES } from "~/i18n/languages";
import { lessonFor, readCatalogue, readModule } from "./catalogue.server";
import { compileLessonSource, renderLessonCode } from "./compile.server";
import { ContentError } from "./schema";

const labels = { activity: "Try this", keyPoint: "Remember", exampleFrom: (s: string) => `Example from ${s}` };
const all = (text: string) => Object.fromEntries(LANGUAGE_CODES.map((code) => [code, `${text} (${code})`]));

function lesson(frontmatter: string, body = "Some **text**.") {
  return `---\n${frontmatter}\n---\n${body}\n`;
}

const goodFrontmatter = "title: Test module\nsummary: A module made for a test.\norder: 1\nminutes: 5\nobjectives:\n  - Do one thing.\n  - Do another thing.";

function quiz(count = 5) {
  return JSON.stringify({
    questions: Array.from({ length: count }, (_, i) => ({
      id: `tm-${i + 1}`,
      prompt: all(`Question ${i + 1}`),
      options: [
        { id: "a", text: all("Yes"), explanation: all("Because") },
        { id: "b", text: all("No"), explanation: all("Because not") },
      ],
      answer: "a",
    })),
  });
}

function moduleDir(files: Record<string, string>, slug = "test-module") {
  const root = mkdtempSync(path.join(tmpdir(), "kaizen-content-"));
  const dir = path.join(root, "modules", slug);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { root, dir };
}

describe("content files", () => {
  it("reads a module with its lessons, quiz and a version that changes with any file", () => {
    const { dir } = moduleDir({ "en.mdx": lesson(goodFrontmatter), "quiz.json": quiz() });
    const first = readModule(dir);
    expect(first).toMatchObject({ slug: "test-module", order: 1 });
    expect(first.quiz.questions).toHaveLength(5);
    writeFileSync(path.join(dir, "en.mdx"), lesson(goodFrontmatter, "Changed."));
    expect(readModule(dir).version).not.toBe(first.version);
  });

  it("fails on a bad frontmatter field, naming the file and the field", () => {
    const { dir } = moduleDir({ "en.mdx": lesson(goodFrontmatter.replace("minutes: 5", "minutes: lots")), "quiz.json": quiz() });
    expect(() => readModule(dir)).toThrowError(ContentError);
    expect(() => readModule(dir)).toThrowError(/en\.mdx:\n {2}- minutes:/);
  });

  it("fails on a quiz whose answer is not an option, or with too few questions, or a missing language", () => {
    const wrongAnswer = JSON.parse(quiz());
    wrongAnswer.questions[2].answer = "z";
    expect(() => readModule(moduleDir({ "en.mdx": lesson(goodFrontmatter), "quiz.json": JSON.stringify(wrongAnswer) }).dir)).toThrowError(
      /quiz\.json:\n {2}- questions\.2\.answer: answer "z" is not an option id/,
    );
    expect(() => readModule(moduleDir({ "en.mdx": lesson(goodFrontmatter), "quiz.json": quiz(4) }).dir)).toThrowError(/questions/);
    const noAmharic = JSON.parse(quiz());
    delete noAmharic.questions[0].prompt.am;
    expect(() => readModule(moduleDir({ "en.mdx": lesson(goodFrontmatter), "quiz.json": JSON.stringify(noAmharic) }).dir)).toThrowError(
      /questions\.0\.prompt\.am/,
    );
  });

  it("falls back to English, with a flag, when a language is missing", () => {
    const { dir } = moduleDir({ "en.mdx": lesson(goodFrontmatter), "sw.mdx": lesson(goodFrontmatter.replace("Test module", "Moduli ya jaribio")), "quiz.json": quiz() });
    const module = readModule(dir);
    expect(lessonFor(module, "sw")).toMatchObject({ fallback: false, lesson: { language: "sw" } });
    expect(lessonFor(module, "am")).toMatchObject({ fallback: true, lesson: { language: "en" } });
  });

  it("refuses two modules with the same order", () => {
    const { root } = moduleDir({ "en.mdx": lesson(goodFrontmatter), "quiz.json": quiz() }, "first-module");
    const second = path.join(root, "modules", "second-module");
    mkdirSync(second);
    writeFileSync(path.join(second, "en.mdx"), lesson(goodFrontmatter));
    writeFileSync(path.join(second, "quiz.json"), quiz());
    expect(() => readCatalogue(root)).toThrowError(/order: 1 is also used by/);
  });

  it("compiles a lesson with its components to static HTML in the reader's language", async () => {
    const code = await compileLessonSource(
      '## Heading\n\n<Example sector="garment">\n\nCut on a marked table.\n\n</Example>\n\n<Activity title="Mark one place">\n\n1. Pick a tool.\n\n</Activity>\n',
      "test.mdx",
    );
    const html = renderLessonCode(code, labels);
    expect(html).toContain("<h2>Heading</h2>");
    expect(html).toContain("Example from garment");
    expect(html).toContain('<h2 class="lesson-activity__title">Mark one place</h2>');
  });

  it("reports MDX that does not compile with the file name", async () => {
    await expect(compileLessonSource("<Example>\n\nnot closed", "broken.mdx")).rejects.toThrowError(/broken\.mdx: MDX does not compile/);
  });
});
