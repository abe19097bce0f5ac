/**
 * The demo's application forms, built as staff would build them in the form editor. The open
 * call's form follows what the DATAR's 2010 call for business clusters asked of applicants:
 * the cluster (legal form, year created, member companies and SMEs among them, sector,
 * territory), the action programme (objectives, actions and their calendar, indicators), a
 * budget of eligible costs with the requested share (at most half), the documents (statutes,
 * list of members, last accounts, signed commitment letter) and consent to the rules.
 */
import { parseFormDefinition } from "~/domain/form-definition";
import type { FormRules } from "~/domain/eligibility";

export const LEGAL_FORM_OPTIONS = [
  { value: "association", label: "Association loi 1901" },
  { value: "gie", label: "Groupement d’intérêt économique" },
  { value: "scic", label: "Société coopérative d’intérêt collectif" },
  { value: "syndicat", label: "Syndicat professionnel" },
  { value: "autre", label: "Autre forme" },
] as const;

export const COST_CATEGORIES = [
  { value: "personnel", label: "Frais de personnel de l’animation" },
  { value: "services", label: "Prestations externes et études" },
  { value: "travel", label: "Déplacements et salons" },
  { value: "communication", label: "Communication" },
  { value: "equipment", label: "Petit équipement mutualisé" },
] as const;

export const CLUSTER_DOCUMENTS = [
  { key: "statutes", label: "Statuts de la structure porteuse" },
  { key: "membersList", label: "Liste des entreprises membres" },
  { key: "lastAccounts", label: "Derniers comptes approuvés" },
  { key: "commitmentLetter", label: "Lettre d’engagement signée du président" },
] as const;

export const DATAR_CLUSTER_FORM = parseFormDefinition({
  sections: [
    {
      key: "grappe",
      title: "La grappe d’entreprises",
      description: "La structure porteuse et les entreprises qu’elle fédère.",
      fields: [
        { key: "projectTitle", type: "shortText", label: "Intitulé du projet", required: true, maxLength: 200 },
        {
          key: "summary",
          type: "longText",
          label: "Résumé du projet",
          help: "En quelques phrases : ce que la grappe fera, pour quelles entreprises, avec quels résultats attendus.",
          required: true,
          maxLength: 2000,
        },
        { key: "legalForm", type: "choice", label: "Forme juridique de la structure porteuse", required: true, options: LEGAL_FORM_OPTIONS },
        { key: "legalFormOther", type: "shortText", label: "Précisez la forme juridique", required: true, maxLength: 200, visibleWhen: { field: "legalForm", equals: "autre" } },
        { key: "yearCreated", type: "integer", label: "Année de création de la grappe", required: true, min: 1950, max: 2030 },
        { key: "memberCount", type: "integer", label: "Nombre d’entreprises membres", required: true, min: 1, max: 5000 },
        { key: "smeCount", type: "integer", label: "dont PME (moins de 250 salariés)", required: true, min: 0, max: 5000 },
        { key: "sector", type: "shortText", label: "Secteur d’activité ou filière", required: true, maxLength: 200 },
        {
          key: "territory",
          type: "shortText",
          label: "Territoire d’action",
          help: "Bassin d’emploi, communes ou départements où sont implantés les membres.",
          required: true,
          maxLength: 300,
        },
        {
          key: "members",
          type: "group",
          label: "Principales entreprises membres",
          help: "Les entreprises les plus engagées dans le projet ; la liste complète est à joindre plus bas.",
          required: true,
          minRows: 3,
          maxRows: 30,
          addLabel: "Ajouter une entreprise",
          fields: [
            { key: "name", type: "shortText", label: "Raison sociale", required: true, maxLength: 200 },
            { key: "siret", type: "siret", label: "SIRET" },
            { key: "sme", type: "yesNo", label: "PME ?", required: true },
          ],
        },
        { key: "website", type: "url", label: "Site internet de la grappe" },
        { key: "contactEmail", type: "email", label: "Adresse électronique du chef de projet", required: true },
        { key: "contactPhone", type: "phone", label: "Téléphone du chef de projet", required: true },
      ],
    },
    {
      key: "programme",
      title: "Programme d’actions",
      fields: [
        { key: "objectives", type: "longText", label: "Objectifs du programme", required: true, maxLength: 3000 },
        {
          key: "actions",
          type: "group",
          label: "Actions prévues et calendrier",
          required: true,
          minRows: 1,
          maxRows: 10,
          addLabel: "Ajouter une action",
          fields: [
            { key: "title", type: "shortText", label: "Action", required: true, maxLength: 200 },
            { key: "description", type: "longText", label: "Contenu et entreprises concernées", required: true, maxLength: 1000 },
            { key: "start", type: "date", label: "Début", required: true, min: "2010-01-01", max: "2035-12-31" },
            { key: "end", type: "date", label: "Fin", required: true, min: "2010-01-01", max: "2035-12-31" },
          ],
        },
        {
          key: "indicators",
          type: "longText",
          label: "Indicateurs de résultat",
          help: "Emplois créés ou maintenus, nouvelles adhésions, projets collaboratifs, chiffre d’affaires à l’export…",
          required: true,
          maxLength: 2000,
        },
        { key: "hasPartners", type: "yesNo", label: "Des partenaires publics ou académiques sont-ils associés ?", required: true },
        { key: "partners", type: "longText", label: "Partenaires et rôle de chacun", required: true, maxLength: 1500, visibleWhen: { field: "hasPartners", equals: "yes" } },
      ],
    },
    {
      key: "budget",
      title: "Budget prévisionnel",
      description: "Dépenses éligibles sur la durée du programme. La subvention couvre au plus 50 % de ces dépenses.",
      fields: [
        { key: "requestedAmount", type: "money", label: "Subvention demandée", required: true, min: 0 },
        {
          key: "costs",
          type: "group",
          label: "Dépenses éligibles",
          required: true,
          minRows: 1,
          maxRows: 20,
          addLabel: "Ajouter une dépense",
          total: "amount",
          shareOf: "requestedAmount",
          fields: [
            { key: "item", type: "shortText", label: "Poste de dépense", required: true, maxLength: 200 },
            { key: "category", type: "choice", label: "Nature", required: true, display: "select", options: COST_CATEGORIES },
            { key: "amount", type: "money", label: "Montant hors taxes", required: true, min: 0 },
          ],
        },
        { key: "otherFunding", type: "longText", label: "Autres financements (collectivités, fonds européens, cotisations)", maxLength: 1500 },
      ],
    },
    {
      key: "pieces",
      title: "Pièces justificatives",
      fields: [
        ...CLUSTER_DOCUMENTS.map((document) => ({
          key: document.key,
          type: "attachment",
          label: document.label,
          required: true,
          formats: document.key === "membersList" ? ["pdf", "spreadsheet"] : ["pdf"],
        })),
        { key: "otherDocuments", type: "attachment", label: "Autres documents utiles", maxFiles: 5, formats: ["pdf", "image", "document"] },
      ],
    },
    {
      key: "engagement",
      title: "Engagement",
      fields: [
        {
          key: "consent",
          type: "checkbox",
          label: "Je certifie exactes les informations de ce dossier et j’accepte le règlement de l’appel à projets.",
          required: true,
        },
      ],
    },
  ],
});

/** The open call's conditions read from the answers: at least ten member companies. */
export const DATAR_CLUSTER_RULES: FormRules = { minMembers: 10, membersField: "memberCount", costsField: "costs" };
