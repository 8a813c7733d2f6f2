import type { ReactNode } from "react";

/**
 * The components a lesson may use (content/README.md). They are rendered once on the server
 * into static HTML, in the lesson's language; none of them needs JavaScript in the browser.
 */
export type LessonLabels = {
  activity: string;
  keyPoint: string;
  exampleFrom: (sector: string) => string;
};

const SECTOR_ICONS: Record<string, string> = { metalwork: "⚙", garment: "✂", shoes_leather: "👞", any: "★" };

export function lessonComponents(labels: LessonLabels) {
  return {
    Example({ sector = "any", children }: { sector?: string; children: ReactNode }) {
      return (
        <aside className={`lesson-example lesson-example--${sector}`}>
          <p className="lesson-example__label">
            <span aria-hidden="true">{SECTOR_ICONS[sector] ?? SECTOR_ICONS.any} </span>
            {labels.exampleFrom(sector)}
          </p>
          {children}
        </aside>
      );
    },
    Activity({ title, children }: { title?: string; children: ReactNode }) {
      return (
        <section className="lesson-activity" aria-label={labels.activity}>
          <p className="lesson-activity__label">{labels.activity}</p>
          {title ? <h2 className="lesson-activity__title">{title}</h2> : null}
          {children}
        </section>
      );
    },
    KeyPoint({ children }: { children: ReactNode }) {
      return (
        <div className="lesson-keypoint">
          <p className="lesson-keypoint__label">{labels.keyPoint}</p>
          {children}
        </div>
      );
    },
  };
}
