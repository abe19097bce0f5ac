/**
 * The RGAA 4.1.2 criteria and how Lauréat stands against each, from an internal review of the
 * code and of the pages in the sample (see the accessibility statement). A criterion is
 * conformant (C) only when that review established it; anything not checked is non-conformant
 * (NC) until it is. Not applicable (NA): the app has no such content.
 */
export type CriterionStatus = "C" | "NC" | "NA";

export type RgaaTopic =
  | "images"
  | "frames"
  | "colours"
  | "multimedia"
  | "tables"
  | "links"
  | "scripts"
  | "mandatory"
  | "structure"
  | "presentation"
  | "forms"
  | "navigation"
  | "consultation";

export interface LocalizedText {
  fr: string;
  en: string;
}

export interface RgaaCriterion {
  number: string;
  topic: RgaaTopic;
  status: CriterionStatus;
  note?: LocalizedText;
  /** For a non-conformant criterion: what will be done about it. */
  plan?: LocalizedText;
}

export const RGAA_VERSION = "4.1.2";
/** Date of the last review of this table (ISO, Europe/Paris). */
export const AUDIT_DATE = "2026-12-03";

const UNCHECKED: LocalizedText = {
  fr: "Pas encore vérifié sur toutes les pages de l’échantillon.",
  en: "Not yet checked on every page of the sample.",
};
const AUDIT_PLAN: LocalizedText = {
  fr: "Vérification manuelle prévue lors de l’audit complet.",
  en: "Manual check planned in the full audit.",
};
const NO_IMAGE: LocalizedText = {
  fr: "Aucune image porteuse d’information : les pictogrammes sont décoratifs.",
  en: "No informative image: pictograms are decorative.",
};
const NO_FRAME: LocalizedText = { fr: "Aucun cadre.", en: "No frame." };
const NO_MEDIA: LocalizedText = { fr: "Aucun contenu audio ou vidéo.", en: "No audio or video content." };
const NO_LAYOUT_TABLE: LocalizedText = {
  fr: "Aucun tableau complexe ni de mise en forme.",
  en: "No complex or layout table.",
};
const NOT_PRESENT: LocalizedText = { fr: "Aucun contenu de ce type.", en: "No content of this kind." };

const unchecked = (number: string, topic: RgaaTopic): RgaaCriterion => ({
  number,
  topic,
  status: "NC",
  note: UNCHECKED,
  plan: AUDIT_PLAN,
});
const absent = (number: string, topic: RgaaTopic, note: LocalizedText): RgaaCriterion => ({ number, topic, status: "NA", note });
const met = (number: string, topic: RgaaTopic, fr: string, en: string): RgaaCriterion => ({
  number,
  topic,
  status: "C",
  note: { fr, en },
});
const notMet = (number: string, topic: RgaaTopic, note: LocalizedText, plan: LocalizedText): RgaaCriterion => ({
  number,
  topic,
  status: "NC",
  note,
  plan,
});

/** Not met only because nobody has checked it yet (as opposed to a known defect). */
export function awaitsCheck(criterion: RgaaCriterion): boolean {
  return criterion.note === UNCHECKED;
}

export const RGAA_CRITERIA: readonly RgaaCriterion[] = [
  absent("1.1", "images", NO_IMAGE),
  met("1.2", "images", "Les pictogrammes sont masqués aux technologies d’assistance.", "Pictograms are hidden from assistive technologies."),
  absent("1.3", "images", NO_IMAGE),
  absent("1.4", "images", NO_IMAGE),
  absent("1.5", "images", { fr: "Aucun captcha.", en: "No captcha." }),
  absent("1.6", "images", NO_IMAGE),
  absent("1.7", "images", NO_IMAGE),
  absent("1.8", "images", { fr: "Aucune image texte.", en: "No image of text." }),
  absent("1.9", "images", NO_IMAGE),
  absent("2.1", "frames", NO_FRAME),
  absent("2.2", "frames", NO_FRAME),
  unchecked("3.1", "colours"),
  notMet(
    "3.2",
    "colours",
    {
      fr: "En thème sombre, des boutons survolés du Système de design de l’État (bouton Fermer du menu, lien du pied de page) ont un contraste de 3,35:1 à 4:1 au lieu de 4,5:1.",
      en: "In the dark theme, some hovered buttons of the State design system (the menu’s Close button, a footer link) have a contrast of 3.35:1 to 4:1 instead of 4.5:1.",
    },
    { fr: "Corriger ces couleurs de survol dans la feuille de style du service.", en: "Fix these hover colours in the service’s style sheet." },
  ),
  unchecked("3.3", "colours"),
  ...["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12", "4.13"].map((n) =>
    absent(n, "multimedia", NO_MEDIA),
  ),
  absent("5.1", "tables", NO_LAYOUT_TABLE),
  absent("5.2", "tables", NO_LAYOUT_TABLE),
  absent("5.3", "tables", NO_LAYOUT_TABLE),
  met("5.4", "tables", "Chaque tableau de données a un titre (caption).", "Every data table has a caption."),
  met("5.5", "tables", "Les titres décrivent le contenu du tableau.", "Captions describe the table’s content."),
  met("5.6", "tables", "Les en-têtes sont des cellules th.", "Headers are th cells."),
  met("5.7", "tables", "Les en-têtes portent l’attribut scope.", "Headers carry the scope attribute."),
  absent("5.8", "tables", NO_LAYOUT_TABLE),
  unchecked("6.1", "links"),
  met("6.2", "links", "Chaque lien a un intitulé (contrôlé par axe).", "Every link has a name (checked with axe)."),
  unchecked("7.1", "scripts"),
  absent("7.2", "scripts", { fr: "Aucun script sans alternative nécessaire.", en: "No script needing an alternative." }),
  unchecked("7.3", "scripts"),
  unchecked("7.4", "scripts"),
  unchecked("7.5", "scripts"),
  met("8.1", "mandatory", "Chaque page déclare un type de document.", "Every page declares a document type."),
  unchecked("8.2", "mandatory"),
  met("8.3", "mandatory", "La langue de la page est déclarée.", "The page’s language is declared."),
  met("8.4", "mandatory", "La langue déclarée suit celle de l’interface.", "The declared language follows the interface’s."),
  met("8.5", "mandatory", "Chaque page a un titre.", "Every page has a title."),
  unchecked("8.6", "mandatory"),
  met("8.7", "mandatory", "Les contenus saisis en français (appels, projets) portent lang=\"fr\" quand l’interface est en anglais.", "Content entered in French (calls, projects) carries lang=\"fr\" when the interface is in English."),
  met("8.8", "mandatory", "Codes de langue valides (fr, en).", "Valid language codes (fr, en)."),
  unchecked("8.9", "mandatory"),
  absent("8.10", "mandatory", { fr: "Aucun changement de sens de lecture.", en: "No change of reading direction." }),
  unchecked("9.1", "structure"),
  met("9.2", "structure", "En-tête, navigation, contenu principal et pied de page balisés.", "Header, navigation, main content and footer are marked up."),
  unchecked("9.3", "structure"),
  absent("9.4", "structure", { fr: "Aucune citation.", en: "No quotation." }),
  met("10.1", "presentation", "La présentation passe uniquement par des feuilles de style.", "Presentation is done with style sheets only."),
  unchecked("10.2", "presentation"),
  unchecked("10.3", "presentation"),
  met("10.4", "presentation", "Test automatisé : les pages principales restent lisibles à 200 % de zoom, sans défilement horizontal.", "Automated test: the main pages stay readable at 200% zoom, without horizontal scrolling."),
  met("10.5", "presentation", "Couleurs de texte et de fond déclarées ensemble par le Système de design de l’État.", "Text and background colours declared together by the State design system."),
  met("10.6", "presentation", "Les liens du texte sont soulignés.", "Links in text are underlined."),
  met("10.7", "presentation", "Le contour de focus du Système de design de l’État n’est jamais retiré.", "The State design system’s focus outline is never removed."),
  unchecked("10.8", "presentation"),
  unchecked("10.9", "presentation"),
  unchecked("10.10", "presentation"),
  met("10.11", "presentation", "Test automatisé : les pages principales s’affichent à 320 px de large sans défilement horizontal.", "Automated test: the main pages display at 320 px wide without horizontal scrolling."),
  unchecked("10.12", "presentation"),
  absent("10.13", "presentation", { fr: "Aucun contenu additionnel au survol.", en: "No additional content on hover." }),
  unchecked("10.14", "presentation"),
  met("11.1", "forms", "Chaque champ a une étiquette.", "Every field has a label."),
  unchecked("11.2", "forms"),
  unchecked("11.3", "forms"),
  unchecked("11.4", "forms"),
  unchecked("11.5", "forms"),
  unchecked("11.6", "forms"),
  unchecked("11.7", "forms"),
  absent("11.8", "forms", { fr: "Aucune liste de choix groupés.", en: "No grouped option lists." }),
  met("11.9", "forms", "Chaque bouton a un intitulé visible.", "Every button has a visible name."),
  met(
    "11.10",
    "forms",
    "Les formulaires annoncent que tous les champs sont obligatoires sauf mention « facultatif », indiquent les limites de saisie et reprennent les erreurs en tête de formulaire avec un lien vers chaque champ.",
    "Forms state that every field is required unless marked optional, give input limits, and list the errors at the top with a link to each field.",
  ),
  unchecked("11.11", "forms"),
  unchecked("11.12", "forms"),
  met("11.13", "forms", "Les champs de données personnelles (nom, adresse électronique, structure, adresse postale) portent l’attribut autocomplete.", "Personal data fields (name, email, organisation, postal address) carry the autocomplete attribute."),
  met("12.1", "navigation", "Menu principal et plan du site.", "Main menu and site map."),
  met("12.2", "navigation", "En-tête, menu et pied de page identiques sur chaque page.", "Same header, menu and footer on every page."),
  met("12.3", "navigation", "Le plan du site est produit à partir des pages existantes.", "The site map is produced from the existing pages."),
  met("12.4", "navigation", "Le plan du site est lié depuis le pied de page de chaque page.", "The site map is linked from every page’s footer."),
  absent("12.5", "navigation", { fr: "Aucun moteur de recherche.", en: "No search engine." }),
  met("12.6", "navigation", "Zones d’en-tête, de navigation, de contenu et de pied de page balisées.", "Header, navigation, content and footer regions are marked up."),
  met("12.7", "navigation", "Un lien d’évitement mène au contenu.", "A skip link leads to the content."),
  met("12.8", "navigation", "Test automatisé au clavier : l’ordre de tabulation suit l’ordre de lecture.", "Automated keyboard test: the tab order follows the reading order."),
  met("12.9", "navigation", "Test automatisé au clavier : aucun piège au clavier.", "Automated keyboard test: no keyboard trap."),
  absent("12.10", "navigation", { fr: "Aucun raccourci clavier.", en: "No keyboard shortcut." }),
  unchecked("12.11", "navigation"),
  notMet(
    "13.1",
    "consultation",
    {
      fr: "Une session prend fin après deux heures sans activité et douze heures au plus, sans avertissement préalable ; les brouillons enregistrés sont conservés.",
      en: "A session ends after two hours without activity and after twelve hours at most, without warning beforehand; saved drafts are kept.",
    },
    {
      fr: "Avertir avant la fin de la session et permettre de la prolonger.",
      en: "Warn before the session ends and allow extending it.",
    },
  ),
  absent("13.2", "consultation", { fr: "Aucune nouvelle fenêtre ouverte sans action.", en: "No new window opened without action." }),
  notMet(
    "13.3",
    "consultation",
    { fr: "Les courriers de décision en PDF ne sont pas balisés.", en: "Decision letters in PDF are not tagged." },
    { fr: "Produire des PDF balisés ou une version HTML du courrier.", en: "Produce tagged PDFs or an HTML version of the letter." },
  ),
  notMet(
    "13.4",
    "consultation",
    { fr: "Pas de version accessible des courriers PDF.", en: "No accessible version of the PDF letters." },
    { fr: "Comme pour le critère 13.3.", en: "As for criterion 13.3." },
  ),
  absent("13.5", "consultation", NOT_PRESENT),
  absent("13.6", "consultation", NOT_PRESENT),
  absent("13.7", "consultation", { fr: "Aucun effet de flash.", en: "No flashing effect." }),
  absent("13.8", "consultation", { fr: "Aucun contenu en mouvement.", en: "No moving content." }),
  met("13.9", "consultation", "L’affichage s’adapte à l’orientation de l’écran.", "The display adapts to the screen orientation."),
  absent("13.10", "consultation", { fr: "Aucun geste complexe.", en: "No complex gesture." }),
  absent("13.11", "consultation", { fr: "Aucune action déclenchée au pointeur hors clic.", en: "No pointer action other than click." }),
  absent("13.12", "consultation", { fr: "Aucune action déclenchée par le mouvement.", en: "No motion-triggered action." }),
];
