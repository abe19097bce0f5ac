import { useTranslation } from "react-i18next";

/**
 * Calls, projects and organisations are written in French. When the interface is in English,
 * their texts carry `lang="fr"` so that screen readers pronounce them as French.
 */
export function useContentLang(): "fr" | undefined {
  const { i18n } = useTranslation();
  return i18n.language === "fr" ? undefined : "fr";
}
