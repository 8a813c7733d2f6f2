// npm run content:check: every module valid, every lesson compiles, and coverage per language.
// Fails (exit 1) on any invalid file or any language gap, naming the file and the field.
import { LANGUAGE_CODES } from "../app/i18n/languages";
import { readCatalogue } from "../app/modules/content/catalogue.server";
import { compileLessonSource, renderLessonCode } from "../app/modules/content/compile.server";

const labels = { activity: "", keyPoint: "", exampleFrom: () => "" };

try {
  const modules = readCatalogue();
  const gaps: string[] = [];
  for (const module of modules) {
    for (const code of LANGUAGE_CODES) {
      const lesson = module.lessons[code];
      if (!lesson) {
        gaps.push(`content/modules/${module.slug}/${code}.mdx is missing`);
        continue;
      }
      renderLessonCode(await compileLessonSource(lesson.source, lesson.file), labels);
    }
  }
  console.log(`${modules.length} module(s), ${modules.reduce((n, m) => n + m.quiz.questions.length, 0)} quiz questions`);
  for (const code of LANGUAGE_CODES) {
    const have = modules.filter((m) => m.lessons[code]).length;
    console.log(`  ${code}: ${have}/${modules.length} lessons`);
  }
  if (modules.length === 0) gaps.push("content/modules holds no module");
  if (gaps.length) {
    console.error(`Content gaps:\n${gaps.map((g) => `  - ${g}`).join("\n")}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`Content check failed:\n${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
