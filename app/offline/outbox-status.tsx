import { useEffect, useSyncExternalStore } from "react";
import { useTranslation } from "~/i18n/react";
import { discardItem, getSnapshot, type OutboxSnapshot, startOutbox, subscribe } from "./outbox";

const SERVER_SNAPSHOT: OutboxSnapshot = { waiting: 0, attention: [], online: true, sending: false };

/**
 * Honest about the network: whether this phone is offline, how many changes wait on it, and any
 * the server refused (never dropped silently). Rendered on pages with forms that work offline.
 */
export function OutboxStatus() {
  const { t } = useTranslation();
  useEffect(startOutbox, []);
  const { waiting, attention, online, sending } = useSyncExternalStore(subscribe, getSnapshot, () => SERVER_SNAPSHOT);
  if (online && waiting === 0 && attention.length === 0) return null;
  return (
    <div className={`outbox-status${online ? "" : " outbox-status--offline"}`} role="status" aria-live="polite">
      {!online ? <p className="outbox-status__line">{t("offline.offline")}</p> : null}
      {waiting > 0 ? (
        <p className="outbox-status__line" data-testid="outbox-waiting">
          {t("offline.waiting", { count: waiting })} {online && sending ? t("offline.sending") : null}
        </p>
      ) : null}
      {attention.map((item) => (
        <div key={item.id} className="outbox-status__problem">
          <p>
            {t("offline.refused", { label: item.label })} {t((item.problem ?? "offline.problemRefused") as never)}
          </p>
          <button type="button" className="button" onClick={() => void discardItem(item.id)}>
            {t("offline.discard")}
          </button>
        </div>
      ))}
    </div>
  );
}
