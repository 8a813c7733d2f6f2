import { useTranslation } from "~/i18n/react";

/** An owner's phone as a link that starts a call on a phone; the number stays readable on paper. */
export function PhoneLink({ phone, name }: { phone: string; name: string }) {
  const { t } = useTranslation();
  return (
    <a href={`tel:+${phone}`} className="phone-link" aria-label={t("bulk.search.call", { name })}>
      +{phone}
    </a>
  );
}

/** A firm's owners, each with their phone to call, or a note that none is known. */
export function OwnerPhones({ owners }: { owners: readonly { id: string; name: string; phone: string | null }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {owners.map((o) => (
        <li key={o.id}>
          {o.name} · {o.phone ? <PhoneLink phone={o.phone} name={o.name} /> : <span className="muted">{t("bulk.search.noPhone")}</span>}
        </li>
      ))}
    </ul>
  );
}
