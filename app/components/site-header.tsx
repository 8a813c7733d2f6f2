import { useTranslation } from "~/i18n/react";
import { Form, Link } from "react-router";
import { mainRoleOf, type SessionUser } from "~/auth/roles";
import { forgetCachedPages } from "~/offline/register";
import { LanguagePicker } from "./language-picker";

export function SiteHeader({ user, language }: { user: SessionUser | null; language: string }) {
  const { t } = useTranslation();
  const role = user ? mainRoleOf(user) : null;
  return (
    <header className="site-header">
      <LanguagePicker current={language} />
      <div className="site-header__bar">
        <Link to="/" className="site-header__brand">
          <span aria-hidden="true" className="site-header__logo">
            ▲
          </span>
          {t("app.name")}
        </Link>
        <nav aria-label={t("app.mainNavigation")} className="site-header__nav">
          {user ? (
            <>
              <Link to="/account" className="site-header__person">
                <span className="site-header__name">{user.name}</span>
                {role ? <span className="site-header__role">{t(`roles.${role}`)}</span> : null}
              </Link>
              {user.isAdmin ? <Link to="/admin">{t("nav.admin")}</Link> : null}
              <Form method="post" action="/sign-out" onSubmit={forgetCachedPages}>
                <button type="submit" className="link-button">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <Link to="/sign-in">{t("nav.signIn")}</Link>
          )}
        </nav>
      </div>
    </header>
  );
}
