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
