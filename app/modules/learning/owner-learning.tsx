import { useTranslation } from "~/i18n/react";
import { Link } from "react-router";
import type { OwnerHome } from "./owner-home.server";
import { STEPS_PER_MODULE } from "./scoring";

/** A bar with its count in words beside it: progress is never a percentage alone. */
function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <span className="progress">
      <progress value={value} max={max} aria-label={label} />
    </span>
  );
}

/** The owner's home: each lesson with a progress bar, its state and scores; overall progress; the next class. */
export function OwnerLearning({ lessons, nextClass, language }: OwnerHome & { language: string }) {
  const { t } = useTranslation();
  const completed = lessons.filter((l) => l.state === "completed").length;
  const steps = lessons.reduce((sum, l) => sum + l.steps, 0);
  return (
    <>
      {nextClass ? (
        <section aria-labelledby="next-class-title" className="card stack next-class">
          <h2 id="next-class-title">{t("learning.nextClass")}</h2>
          <p>
            {t("learning.nextClassWhen", {
              date: new Intl.DateTimeFormat(language, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(nextClass.date)),
              start: nextClass.startTime,
              end: nextClass.endTime,
            })}
          </p>
          <p>{t("learning.nextClassVenue", { venue: nextClass.venue })}</p>
        </section>
      ) : null}
      <section aria-labelledby="lessons-title" className="stack">
        <h2 id="lessons-title">{t("learning.yourLessons")}</h2>
        <div className="overall" data-testid="overall-progress">
          <p>{t("learning.overall", { done: completed, total: lessons.length })}</p>
          <Bar value={steps} max={lessons.length * STEPS_PER_MODULE} label={t("learning.overallLabel")} />
        </div>
        <ol className="lesson-list">
          {lessons.map((lesson) => (
            <li key={lesson.slug} data-testid={`module-${lesson.slug}`}>
              <Link to={`/lessons/${lesson.slug}`} className="lesson-list__link">
                <span className="lesson-list__title">
                  {lesson.order}. {lesson.title}
                </span>
                <span className="lesson-list__summary">{lesson.summary}</span>
                <Bar value={lesson.steps} max={STEPS_PER_MODULE} label={t("learning.stepsLabel", { done: lesson.steps, total: STEPS_PER_MODULE })} />
                <span className={`lesson-state lesson-state--${lesson.state}`}>
                  {lesson.state === "completed" ? "✓ " : ""}
                  {t(`learning.states.${lesson.state}`)}
                </span>
                {lesson.pre !== null || lesson.post !== null ? (
                  <span className="lesson-scores">
                    {lesson.pre !== null ? <span>{t("learning.preScore", { score: lesson.pre })}</span> : null}
                    {lesson.post !== null ? <span>{t("learning.postScore", { score: lesson.post })}</span> : null}
                    {lesson.gain !== null ? <span data-testid="module-gain">{t("learning.gain", { gain: lesson.gain > 0 ? `+${lesson.gain}` : lesson.gain })}</span> : null}
                  </span>
                ) : (
                  <span className="muted">{t("home.lessonMinutes", { count: lesson.minutes })}</span>
                )}
              </Link>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
