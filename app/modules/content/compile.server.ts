import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Language } from "~/i18n/languages";
import type { Lesson, Module } from "./catalogue.server";
import { type LessonLabels, lessonComponents } from "./lesson-components";

/**
 * Lessons are compiled with mdx-bundler and rendered to HTML once per module version and
 * language, then served from memory: no request ever compiles MDX (docs/decisions/0005-content-pipeline.md).
 */
const cache = new Map<string, Promise<string>>();

export function compileLessonSource(source: string, file: string): Promise<string> {
  return bundleMDX({ source, cwd: undefined, files: {} })
    .then((result) => result.code)
    .catch((error: unknown) => {
      throw new Error(`${file}: MDX does not compile: ${(error as Error).message}`);
    });
}

export function renderLessonCode(code: string, labels: LessonLabels): string {
  const Component = getMDXComponent(code);
  return renderToStaticMarkup(createElement(Component, { components: lessonComponents(labels) }));
}

export function lessonHtml(module: Module, lesson: Lesson, labels: LessonLabels, uiLanguage: Language): Promise<string> {
  const key = `${module.slug}:${lesson.language}:${uiLanguage}:${module.version}`;
  let html = cache.get(key);
  if (!html) {
    html = compileLessonSource(lesson.source, lesson.file).then((code) => renderLessonCode(code, labels));
    html.catch(() => cache.delete(key));
    cache.set(key, html);
  }
  return html;
}

export function compiledLessonCount(): number {
  return cache.size;
}
