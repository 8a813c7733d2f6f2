import { useTranslation } from "~/i18n/react";
import type { PredictorFigures } from "~/modules/screening/calibration";
import { COMPONENT_KEYS, type ComponentWeights, type ScreeningModel } from "~/modules/screening/model";

/** Current and proposed weights side by side, as shares of the total weight. */
export function CalibrationWeights({ current, proposed, agreement, language }: { current: ScreeningModel; proposed: ComponentWeights; agreement: number; language: string }) {
  const { t } = useTranslation();
  const share = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  const two = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sum = (w: ComponentWeights) => COMPONENT_KEYS.reduce((s, k) => s + w[k], 0) || 1;
  const currentSum = sum(current.weights);
  const proposedSum = sum(proposed);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="weights-caption">
      <table className="screening-table">
        <caption id="weights-caption">{t("calibration.weightsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("screening.component")}</th>
            <th scope="col" className="num">{t("calibration.currentVersion", { version: current.version })}</th>
            <th scope="col" className="num">{t("calibration.proposed")}</th>
          </tr>
        </thead>
        <tbody>
          {COMPONENT_KEYS.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`screening.components.${k}`)}</th>
              <td className="num">{share.format(current.weights[k] / currentSum)}</td>
              <td className="num">{share.format(proposed[k] / proposedSum)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("calibration.agreement")}</th>
            <td className="num">{two.format(current.thresholds.componentAgreement)}</td>
            <td className="num">{two.format(agreement)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Cross-validated Spearman with its 90% interval, and top fifth against the rest, per predictor. */
export function CalibrationFigures({ figures, language }: { figures: readonly PredictorFigures[]; language: string }) {
  const { t } = useTranslation();
  const corr = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const growth = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const current = figures.find((f) => f.predictor === "current");
  const proposed = figures.find((f) => f.predictor === "proposed");
  const overlap = current?.interval && proposed?.interval && proposed.interval[0] <= current.interval[1] && current.interval[0] <= proposed.interval[1];
  return (
    <>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="figures-caption">
        <table className="screening-table">
          <caption id="figures-caption">{t("calibration.figuresCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("calibration.predictor")}</th>
              <th scope="col" className="num">n</th>
              <th scope="col" className="num">{t("calibration.spearman")}</th>
              <th scope="col" className="num">{t("calibration.interval")}</th>
              <th scope="col" className="num">{t("calibration.topGrowth")}</th>
              <th scope="col" className="num">{t("calibration.restGrowth")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.predictor} className={f.predictor === "current" || f.predictor === "proposed" ? "strong" : undefined}>
                <th scope="row">
                  {f.predictor === "current" ? t("calibration.currentRow") : f.predictor === "proposed" ? t("calibration.proposedRow") : t(`screening.components.${f.predictor}`)}
                </th>
                <td className="num">{f.n}</td>
                <td className="num">{f.spearman === null ? "—" : corr.format(f.spearman)}</td>
                <td className="num">{f.interval ? t("calibration.intervalValue", { low: corr.format(f.interval[0]), high: corr.format(f.interval[1]) }) : "—"}</td>
                <td className="num">{f.topFifth ? growth.format(f.topFifth.topMeanGrowth) : "—"}</td>
                <td className="num">{f.topFifth ? growth.format(f.topFifth.restMeanGrowth) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {overlap ? <p className="notice">{t("calibration.overlap")}</p> : null}
      <p className="muted">{t("calibration.howToRead")}</p>
    </>
  );
}
