/**
 * Deterministic demo data: two calls (one open, one decided), the people who use them and
 * the organisations that apply. Pure builders, no I/O: `prisma/seed.ts` writes the result.
 * The same `now` always gives the same output; only dates move with `now`.
 */
import type {
  ApplicationStatus,
  CallStatus,
  DecisionOutcome,
  Recommendation,
  Role,
} from "~/generated/prisma/enums";
import { endOfParisDayAfter, formatDate, parisCalendarDay, parisWallTimeToInstant } from "~/domain/dates";
import { formatEuros } from "~/domain/money";
import { completeSiret, luhnSum } from "~/domain/siret";
import { attachmentFields, parseFormDefinition, STANDARD_FORM, type Answers } from "~/domain/form-definition";
import { COST_CATEGORIES, DATAR_CLUSTER_FORM, DATAR_CLUSTER_RULES, LEGAL_FORM_OPTIONS } from "./demo-forms";

export const DEMO_PASSWORD = "laureat-demo";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** i18n key of the role's label, e.g. for the login page's list of demo accounts. */
  roleLabelKey: string;
  description: { fr: string; en: string };
}

const STAFF_LABEL = "demo.roles.staff";
const REVIEWER_LABEL = "demo.roles.reviewer";
const APPLICANT_LABEL = "demo.roles.applicant";

// Demo accounts carry role names, not invented people's names.
const EXPERT_COUNT = 8;

const DEMO_ORGANIZATION_NAME = "Grappe Bois Vosges";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "instruction@laureat.demo",
    name: "Chargée d’instruction (démo)",
    role: "STAFF",
    roleLabelKey: STAFF_LABEL,
    description: {
      fr: "Chargée d’instruction : vérifie la recevabilité des dossiers, affecte les experts et prépare le comité de sélection.",
      en: "Programme officer: checks eligibility, assigns reviewers and prepares the selection committee.",
    },
  },
  {
    email: "direction@laureat.demo",
    name: "Direction des programmes (démo)",
    role: "STAFF",
    roleLabelKey: STAFF_LABEL,
    description: {
      fr: "Direction des programmes : arrête les décisions du comité et signe les courriers.",
      en: "Programme management: takes the committee’s decisions and signs the letters.",
    },
  },
  ...Array.from(
    { length: EXPERT_COUNT },
    (_, index): DemoAccount => ({
      email: `expert${index + 1}@laureat.demo`,
      name: `Expert n° ${index + 1} (démo)`,
      role: "REVIEWER",
      roleLabelKey: REVIEWER_LABEL,
      description: {
        fr: `Expert n° ${index + 1} : a évalué des dossiers de l’édition 2025.`,
        en: `Reviewer no. ${index + 1}: scored files of the 2025 round.`,
      },
    }),
  ),
  {
    email: "grappe@laureat.demo",
    name: `Délégation générale, ${DEMO_ORGANIZATION_NAME}`,
    role: "APPLICANT",
    roleLabelKey: APPLICANT_LABEL,
    description: {
      fr: `Délégué général de la ${DEMO_ORGANIZATION_NAME}, lauréate en 2025 : peut déposer un dossier sur l’appel 2026.`,
      en: `Managing director of ${DEMO_ORGANIZATION_NAME}, a 2025 laureate: can apply to the 2026 call.`,
    },
  },
  {
    email: "nouveau@laureat.demo",
    name: "Nouveau porteur de projet (démo)",
    role: "APPLICANT",
    roleLabelKey: APPLICANT_LABEL,
    description: {
      fr: "Nouveau compte, sans structure : commence par enregistrer sa grappe.",
      en: "New account with no organisation yet: starts by registering one.",
    },
  },
];

// ---------------------------------------------------------------------------------------
// Output shapes: one per table, ready for `createMany`.

/** JSON as Prisma accepts it in a Json column: null only inside objects and arrays. */
type Json = string | number | boolean | (Json | null)[] | { [key: string]: Json | null };

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  createdAt: Date;
}

export interface DemoOrganization {
  id: string;
  legalName: string;
  siret: string;
  legalForm: string;
  addressLine: string;
  postalCode: string;
  city: string;
  region: string;
  sector: string;
  membersCount: number;
  createdAt: Date;
}

export interface DemoMembership {
  id: string;
  userId: string;
  organizationId: string;
  role: "OWNER";
  createdAt: Date;
}

export interface DemoCall {
  id: string;
  code: string;
  slug: string;
  title: string;
  summary: string;
  rules: string;
  regionScope: string | null;
  opensAt: Date;
  closesAt: Date;
  budgetCents: bigint;
  minGrantCents: number;
  maxGrantCents: number;
  status: CallStatus;
  formVersion: number;
  formDefinition: Json;
  eligibilityRules: Json;
  maxCostShare: number | null;
  reviewersPerFile: number;
  reviewDeadline: Date;
  letterTemplates: Json;
  receiptCounter: number;
  letterCounter: number;
  createdAt: Date;
}

export interface DemoCriterion {
  id: string;
  callId: string;
  position: number;
  label: string;
  description: string;
  weight: number;
  scaleMax: number;
  threshold: number | null;
}

export interface DemoApplication {
  id: string;
  callId: string;
  organizationId: string;
  createdById: string;
  formVersion: number;
  projectTitle: string;
  summary: string;
  /** Keyed by form field, as the applicant typed them (« 185 000 ») through the call's form. */
  answers: Json;
  requestedCents: number | null;
  status: ApplicationStatus;
  receiptNumber: string | null;
  submittedAt: Date | null;
  eligibilityNote: string | null;
  notifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoAssignment {
  id: string;
  applicationId: string;
  reviewerId: string;
  assignedById: string;
  dueAt: Date;
  status: "SUBMITTED";
  createdAt: Date;
}

export interface DemoReview {
  id: string;
  assignmentId: string;
  applicationId: string;
  reviewerId: string;
  status: "SUBMITTED";
  recommendation: Recommendation;
  overallComment: string;
  submittedAt: Date;
  createdAt: Date;
}

export interface DemoReviewScore {
  id: string;
  reviewId: string;
  criterionId: string;
  score: number;
  comment: string;
}

export interface DemoDecision {
  id: string;
  applicationId: string;
  outcome: DecisionOutcome;
  awardedCents: number | null;
  motivation: string;
  rank: number | null;
  committeeDate: Date;
  decidedById: string;
  createdAt: Date;
}

export interface DemoAuditEvent {
  id: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  after: Json;
  createdAt: Date;
}

export interface DemoData {
  users: DemoUser[];
  organizations: DemoOrganization[];
  memberships: DemoMembership[];
  calls: DemoCall[];
  criteria: DemoCriterion[];
  applications: DemoApplication[];
  assignments: DemoAssignment[];
  reviews: DemoReview[];
  reviewScores: DemoReviewScore[];
  decisions: DemoDecision[];
  auditEvents: DemoAuditEvent[];
}

// ---------------------------------------------------------------------------------------
// Determinism helpers.

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(0, items.length - 1));
  }

  /** Two distinct items. */
  pickTwo<T>(items: readonly T[]): [T, T] {
    const [first, second] = this.shuffle(items);
    if (first === undefined || second === undefined) throw new Error("pickTwo needs two items");
    return [first, second];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [at(copy, j), at(copy, i)];
    }
    return copy;
  }

  /** An instant between two others, on a whole minute. */
  between(start: Date, end: Date): Date {
    const minutes = Math.floor((end.getTime() - start.getTime()) / 60_000);
    return new Date(start.getTime() + this.int(0, Math.max(0, minutes)) * 60_000);
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No item at index ${index}`);
  return item;
}

/** 53-bit string hash (cyrb53), so that ids depend on what a record is, not on build order. */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Stable, cuid-shaped id (a "c" then 24 base-36 characters), like the ones Prisma generates. */
export function demoId(key: string): string {
  const part = (seed: number) => hash53(key, seed).toString(36).padStart(12, "0").slice(-12);
  return `c${part(1)}${part(2)}`;
}

export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ---------------------------------------------------------------------------------------
// Dates, always reckoned in Paris days.

function parisDayAfter(from: Date, days: number) {
  const { year, month, day } = parisCalendarDay(from);
  const target = new Date(Date.UTC(year, month - 1, day + days));
  return { year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: target.getUTCDate() };
}

/** The instant at a Paris wall-clock time, `days` days after the Paris day of `from`. */
function parisTimeAfter(from: Date, days: number, hour = 0, minute = 0): Date {
  const { year, month, day } = parisDayAfter(from, days);
  return parisWallTimeToInstant(year, month, day, hour, minute);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

// ---------------------------------------------------------------------------------------
// Reference data.

interface OrganizationSeed {
  name: string;
  city: string;
  postalCode: string;
  region: string;
  sector: string;
  project: string;
  legalForm?: string;
}

const ASSOCIATION = "Association loi 1901";
const LOCAL_LAW_ASSOCIATION = "Association de droit local (Alsace-Moselle)";

export const ORGANIZATIONS: readonly OrganizationSeed[] = [
  { name: "Pôle Mécatronique Vallée de l'Arve", city: "Cluses", postalCode: "74300", region: "Auvergne-Rhône-Alpes", sector: "Décolletage et mécatronique", project: "Atelier partagé de métrologie pour les décolleteurs de la vallée" },
  { name: "Grappe Plasturgie Haut-Bugey", city: "Oyonnax", postalCode: "01100", region: "Auvergne-Rhône-Alpes", sector: "Plasturgie", project: "Boucle de recyclage des chutes de production plastique" },
  { name: "Grappe Sports d'hiver Tarentaise", city: "Moûtiers", postalCode: "73600", region: "Auvergne-Rhône-Alpes", sector: "Équipements de montagne", project: "Laboratoire d'essais partagé pour le matériel de glisse" },
  { name: "Grappe Agroalimentaire Monts du Lyonnais", city: "Saint-Symphorien-sur-Coise", postalCode: "69590", region: "Auvergne-Rhône-Alpes", sector: "Agroalimentaire", project: "Plateforme logistique commune pour les circuits courts" },
  { name: "Grappe Microtechniques Arc jurassien", city: "Besançon", postalCode: "25000", region: "Bourgogne-Franche-Comté", sector: "Microtechniques", project: "Parcours de formation aux métiers de l'usinage de précision" },
  { name: "Pôle Lunetier du Haut-Jura", city: "Morez", postalCode: "39400", region: "Bourgogne-Franche-Comté", sector: "Lunetterie", project: "Relocalisation de la fabrication de montures en acétate" },
  { name: "Grappe Vins et Terroirs de Bourgogne", city: "Beaune", postalCode: "21200", region: "Bourgogne-Franche-Comté", sector: "Viticulture et œnotourisme", project: "Offre œnotouristique commune aux domaines indépendants" },
  { name: "Grappe Nautisme Bretagne Sud", city: "Lorient", postalCode: "56100", region: "Bretagne", sector: "Nautisme", project: "Filière de déconstruction des bateaux de plaisance" },
  { name: "Grappe Agroalimentaire Cornouaille", city: "Quimper", postalCode: "29000", region: "Bretagne", sector: "Agroalimentaire", project: "Réduction des emballages plastiques dans les conserveries" },
  { name: "Grappe Numérique Haute-Bretagne", city: "Rennes", postalCode: "35000", region: "Bretagne", sector: "Numérique", project: "Centre de cybersécurité mutualisé pour les PME industrielles" },
  { name: "Grappe Cosmétique Loiret", city: "Orléans", postalCode: "45000", region: "Centre-Val de Loire", sector: "Cosmétique", project: "Banc d'analyse partagé pour les formulations naturelles" },
  { name: "Grappe Maroquinerie du Berry", city: "Châteauroux", postalCode: "36000", region: "Centre-Val de Loire", sector: "Maroquinerie", project: "École de production en maroquinerie" },
  { name: "Grappe Forêt Sologne", city: "Romorantin-Lanthenay", postalCode: "41200", region: "Centre-Val de Loire", sector: "Forêt et bois", project: "Valorisation des feuillus locaux dans la construction" },
  { name: "Grappe Agroressources de Corse", city: "Corte", postalCode: "20250", region: "Corse", sector: "Agroressources", project: "Transformation de la châtaigne et des agrumes de l'île" },
  { name: "Grappe Tourisme durable Corse-du-Sud", city: "Ajaccio", postalCode: "20000", region: "Corse", sector: "Tourisme", project: "Label commun pour des hébergements à faible impact" },
  { name: DEMO_ORGANIZATION_NAME, city: "Épinal", postalCode: "88000", region: "Grand Est", sector: "Bois et ameublement", project: "Centre de ressources pour la construction en bois local" },
  { name: "Grappe Textile Haute-Alsace", city: "Mulhouse", postalCode: "68100", region: "Grand Est", sector: "Textile", project: "Textiles techniques issus de fibres recyclées", legalForm: LOCAL_LAW_ASSOCIATION },
  { name: "Grappe Emballages Champagne", city: "Reims", postalCode: "51100", region: "Grand Est", sector: "Emballage", project: "Emballages réemployables pour les vins effervescents" },
  { name: "Grappe Métallurgie Lorraine Nord", city: "Thionville", postalCode: "57100", region: "Grand Est", sector: "Métallurgie", project: "Programme de décarbonation des fonderies", legalForm: LOCAL_LAW_ASSOCIATION },
  { name: "Grappe Économie solidaire Métropole lilloise", city: "Lille", postalCode: "59000", region: "Hauts-de-France", sector: "Économie sociale et solidaire", project: "Achats responsables mutualisés entre entreprises solidaires", legalForm: "Société coopérative d'intérêt collectif" },
  { name: "Grappe Produits de la mer Côte d'Opale", city: "Boulogne-sur-Mer", postalCode: "62200", region: "Hauts-de-France", sector: "Produits de la mer", project: "Valorisation des coproduits de la pêche" },
  { name: "Grappe Ferroviaire Hainaut", city: "Valenciennes", postalCode: "59300", region: "Hauts-de-France", sector: "Ferroviaire", project: "Accompagnement des sous-traitants ferroviaires à l'export" },
  { name: "Grappe Verre et Matériaux Picardie", city: "Compiègne", postalCode: "60200", region: "Hauts-de-France", sector: "Verre et matériaux", project: "Recyclage du verre plat issu des chantiers" },
  { name: "Grappe Audiovisuel Plaine Saint-Denis", city: "Saint-Denis", postalCode: "93200", region: "Île-de-France", sector: "Audiovisuel", project: "Studio de tournage virtuel mutualisé" },
  { name: "Grappe Écoconstruction Essonne", city: "Évry-Courcouronnes", postalCode: "91000", region: "Île-de-France", sector: "Bâtiment et écoconstruction", project: "Matériauthèque de l'écoconstruction francilienne" },
  { name: "Grappe Photonique Saclay", city: "Palaiseau", postalCode: "91120", region: "Île-de-France", sector: "Optique et photonique", project: "Accès partagé à une salle blanche pour les jeunes entreprises", legalForm: "Groupement d'intérêt économique" },
  { name: "Grappe Filière équine Manche", city: "Saint-Lô", postalCode: "50000", region: "Normandie", sector: "Filière équine", project: "Marque collective pour l'export des chevaux de sport" },
  { name: "Grappe Nautique Cotentin", city: "Cherbourg-en-Cotentin", postalCode: "50100", region: "Normandie", sector: "Construction navale", project: "Formation aux matériaux composites pour les chantiers navals" },
  { name: "Grappe Lin Pays de Caux", city: "Yvetot", postalCode: "76190", region: "Normandie", sector: "Lin et fibres naturelles", project: "Transformation locale du lin en produits techniques" },
  { name: "Grappe Cuir et Luxe Périgord", city: "Nontron", postalCode: "24300", region: "Nouvelle-Aquitaine", sector: "Cuir et métiers d'art", project: "Vitrine commune des savoir-faire auprès des maisons de luxe" },
  { name: "Grappe Porcelaine Limousin", city: "Limoges", postalCode: "87000", region: "Nouvelle-Aquitaine", sector: "Arts de la table", project: "Four électrique partagé pour décarboner la cuisson" },
  { name: "Grappe Glisse Côte basque", city: "Anglet", postalCode: "64600", region: "Nouvelle-Aquitaine", sector: "Sports de glisse", project: "Écoconception des planches et des combinaisons" },
  { name: "Grappe Bois Landes de Gascogne", city: "Mont-de-Marsan", postalCode: "40000", region: "Nouvelle-Aquitaine", sector: "Forêt et bois", project: "Traçabilité numérique du pin maritime" },
  { name: "Grappe Textile technique Tarn", city: "Castres", postalCode: "81100", region: "Occitanie", sector: "Textile technique", project: "Ligne pilote de non-tissés biosourcés" },
  { name: "Grappe Drones Occitanie", city: "Toulouse", postalCode: "31000", region: "Occitanie", sector: "Drones et aéronautique", project: "Zone d'essais partagée pour les drones civils" },
  { name: "Grappe Eau et Environnement Méditerranée", city: "Montpellier", postalCode: "34000", region: "Occitanie", sector: "Eau et environnement", project: "Réutilisation des eaux usées traitées en agriculture" },
  { name: "Grappe Végétal Anjou", city: "Angers", postalCode: "49000", region: "Pays de la Loire", sector: "Horticulture et semences", project: "Biocontrôle mutualisé pour les horticulteurs" },
  { name: "Grappe Navale Estuaire de la Loire", city: "Saint-Nazaire", postalCode: "44600", region: "Pays de la Loire", sector: "Construction navale", project: "Qualification des sous-traitants pour les énergies marines" },
  { name: "Grappe Mode Choletaise", city: "Cholet", postalCode: "49300", region: "Pays de la Loire", sector: "Mode et habillement", project: "Atelier de confection à la demande" },
  { name: "Grappe Parfums Pays de Grasse", city: "Grasse", postalCode: "06130", region: "Provence-Alpes-Côte d'Azur", sector: "Parfumerie et arômes", project: "Culture et extraction locales de plantes à parfum" },
  { name: "Grappe Énergies marines Méditerranée", city: "Toulon", postalCode: "83000", region: "Provence-Alpes-Côte d'Azur", sector: "Énergies marines", project: "Préparation des fournisseurs régionaux à l'éolien flottant" },
  { name: "Grappe Oléicole Provence", city: "Salon-de-Provence", postalCode: "13300", region: "Provence-Alpes-Côte d'Azur", sector: "Oléiculture", project: "Moulin collectif et valorisation des grignons d'olive" },
  { name: "Grappe Agronutrition Réunion", city: "Saint-Denis", postalCode: "97400", region: "La Réunion", sector: "Agronutrition", project: "Transformation locale des fruits tropicaux" },
  { name: "Grappe Bois Guyane", city: "Cayenne", postalCode: "97300", region: "Guyane", sector: "Forêt et bois", project: "Séchage et classement des bois guyanais" },
  { name: "Grappe Tourisme Martinique", city: "Fort-de-France", postalCode: "97200", region: "Martinique", sector: "Tourisme", project: "Offre coordonnée de tourisme de nature" },
];

export const STREETS = [
  "rue de l'Industrie",
  "avenue Jean-Jaurès",
  "rue Pasteur",
  "boulevard de la Liberté",
  "rue des Artisans",
  "allée des Entrepreneurs",
  "rue Victor-Hugo",
  "avenue de la Gare",
  "rue du Commerce",
  "place de l'Hôtel-de-Ville",
  "rue des Tanneurs",
  "chemin des Prés",
] as const;

const ACTION_STRANDS = [
  "la mutualisation d'équipements entre adhérents",
  "un plan de formation commun aux métiers en tension",
  "des missions collectives sur des salons professionnels à l'étranger",
  "l'accompagnement des entreprises dans leur transition énergétique",
  "la mise en relation des PME avec les laboratoires de recherche",
  "une veille technologique et réglementaire partagée",
  "le développement d'une marque collective",
  "des achats groupés de matières premières",
  "une campagne de recrutement et d'attractivité des métiers",
] as const;

export interface CriterionSeed {
  label: string;
  description: string;
  weight: number;
  threshold: number | null;
  /** Reviewers' comments by level: score ≤ 2, score 3, score ≥ 4. */
  comments: readonly [low: readonly string[], mid: readonly string[], high: readonly string[]];
}

export const CRITERIA: readonly CriterionSeed[] = [
  {
    label: "Pertinence de la stratégie de la grappe",
    description:
      "Le diagnostic de la filière et des besoins des entreprises membres fonde-t-il une stratégie claire, distincte de celle des autres acteurs du territoire ?",
    weight: 30,
    threshold: 3,
    comments: [
      ["La stratégie reste générale et ne repose pas sur un diagnostic partagé avec les adhérents.", "On voit mal en quoi la grappe se distingue des structures déjà présentes sur le territoire."],
      ["Stratégie cohérente, mais les priorités restent à hiérarchiser.", "Le diagnostic est juste ; le lien avec l'évolution des marchés pourrait être mieux étayé."],
      ["Stratégie claire, adossée à un diagnostic précis des besoins des adhérents.", "Positionnement bien argumenté au regard des autres acteurs de la filière."],
    ],
  },
  {
    label: "Qualité du programme d'actions",
    description:
      "Les actions sont-elles concrètes, chiffrées et réalistes au regard des moyens de la grappe, avec des indicateurs de suivi ?",
    weight: 30,
    threshold: 3,
    comments: [
      ["Les actions sont peu détaillées et le budget n'est pas ventilé.", "Programme trop dispersé au regard des moyens de l'équipe d'animation."],
      ["Programme pertinent, dont certains coûts mériteraient d'être justifiés.", "Actions utiles, mais le calendrier paraît serré pour la deuxième année."],
      ["Actions concrètes, calendrier réaliste et budget détaillé poste par poste.", "Programme ambitieux mais crédible, avec des indicateurs de suivi pertinents."],
    ],
  },
  {
    label: "Impact économique et emploi",
    description:
      "Quels effets attendre sur l'activité, l'innovation et l'emploi des entreprises membres, et comment seront-ils mesurés ?",
    weight: 25,
    threshold: null,
    comments: [
      ["Impact économique difficile à apprécier faute d'indicateurs.", "Les retombées annoncées paraissent surestimées au regard du projet."],
      ["Impact plausible mais insuffisamment quantifié.", "Les effets sur l'emploi sont annoncés sans méthode de calcul."],
      ["Effets sur l'emploi chiffrés avec prudence et vérifiables.", "Fort effet d'entraînement attendu sur l'activité des PME membres."],
    ],
  },
  {
    label: "Gouvernance et partenariats",
    description:
      "Les entreprises pilotent-elles la grappe ? Les collectivités, organismes de formation et laboratoires sont-ils associés ?",
    weight: 15,
    threshold: null,
    comments: [
      ["Gouvernance peu lisible et dépendante d'un seul financeur.", "Les partenariats évoqués ne sont pas formalisés."],
      ["Gouvernance correcte ; la place des chefs d'entreprise dans les décisions pourrait être renforcée.", "Partenariats annoncés, qui restent à formaliser par des conventions."],
      ["Gouvernance portée par les chefs d'entreprise, partenaires publics bien associés.", "Partenariats solides avec la région, les organismes de formation et les laboratoires."],
    ],
  },
];

const OVERALL_COMMENTS: Record<Recommendation, readonly string[]> = {
  FUND: [
    "Dossier solide, que je recommande de financer.",
    "Projet mûr, porté par une équipe expérimentée : avis favorable.",
  ],
  RESERVE: [
    "Dossier intéressant mais perfectible, à retenir si l'enveloppe le permet.",
    "Avis réservé : le projet gagnerait à se concentrer sur deux ou trois actions.",
  ],
  DO_NOT_FUND: [
    "Le dossier n'est pas assez abouti pour être financé en l'état.",
    "Avis défavorable : la stratégie et le programme d'actions sont à retravailler.",
  ],
};

export const INELIGIBILITY_NOTES = [
  "Structure porteuse créée moins d'un an avant la date de clôture : condition d'ancienneté non remplie.",
  "Budget prévisionnel signé manquant ; la demande de complément est restée sans réponse dans le délai fixé.",
] as const;

export const ELIGIBLE_NOTE = "Dossier complet ; structure et dépenses éligibles.";

const LETTER_TEMPLATES: Json = {
  agencyName: "Agence nationale de la cohésion des territoires",
  signatoryName: "",
  signatoryTitle: "La directrice des programmes",
};

const CALL_TITLE = "Soutien à la dynamique des grappes d'entreprises";
const MIN_GRANT_CENTS = 50_000_00;
const MAX_GRANT_CENTS = 500_000_00;
const REVIEWERS_PER_FILE = 2;
const WAITLIST_SIZE = 3;

// ---------------------------------------------------------------------------------------
// Builders.

interface Context {
  now: Date;
  random: Random;
  staff: { instruction: DemoUser; direction: DemoUser };
  reviewers: DemoUser[];
}

export interface Applicant {
  organization: DemoOrganization;
  owner: DemoUser;
  project: string;
}

export function buildDemoData(now: Date): DemoData {
  const random = new Random(20_260_101);
  const accountUsers = DEMO_ACCOUNTS.map((account) => accountUser(account, now));
  const byEmail = (email: string) => {
    const user = accountUsers.find((u) => u.email === email);
    if (!user) throw new Error(`Missing demo account ${email}`);
    return user;
  };
  const context: Context = {
    now,
    random,
    staff: { instruction: byEmail("instruction@laureat.demo"), direction: byEmail("direction@laureat.demo") },
    reviewers: accountUsers.filter((u) => u.role === "REVIEWER"),
  };

  const applicants = buildApplicants(random, now, byEmail("grappe@laureat.demo"));
  const demoApplicant = applicants.find((a) => a.organization.legalName === DEMO_ORGANIZATION_NAME);
  if (!demoApplicant) throw new Error("The demo organisation is missing");
  const others = random.shuffle(applicants.filter((a) => a !== demoApplicant));
  const pastCount = DECIDED_QUALITIES.length + INELIGIBILITY_NOTES.length;
  const pastApplicants = [demoApplicant, ...others.slice(0, pastCount - 1)];
  const currentApplicants = others.slice(pastCount - 1, pastCount - 1 + OPEN_CALL_STAGES.length);

  const decided = buildDecidedCall(context, pastApplicants);
  const open = buildOpenCall(context, currentApplicants);

  // Past applicants had registered before the decided call opened.
  const decidedOpensAt = at(decided.calls, 0).opensAt;
  for (const { organization, owner } of pastApplicants) {
    organization.createdAt = owner.createdAt = addDays(decidedOpensAt, -random.int(20, 200));
  }

  const users = [...accountUsers.filter((u) => u.email !== "grappe@laureat.demo"), ...applicants.map((a) => a.owner)];
  return {
    users,
    organizations: applicants.map((a) => a.organization),
    memberships: applicants.map(({ organization, owner }) => ({
      id: demoId(`membership:${owner.email}:${organization.siret}`),
      userId: owner.id,
      organizationId: organization.id,
      role: "OWNER",
      createdAt: organization.createdAt,
    })),
    calls: [...open.calls, ...decided.calls],
    criteria: [...open.criteria, ...decided.criteria],
    applications: [...decided.applications, ...open.applications],
    assignments: decided.assignments,
    reviews: decided.reviews,
    reviewScores: decided.reviewScores,
    decisions: decided.decisions,
    auditEvents: [...decided.auditEvents, ...open.auditEvents],
  };
}

function accountUser(account: DemoAccount, now: Date): DemoUser {
  const isNew = account.email === "nouveau@laureat.demo";
  return {
    id: demoId(`user:${account.email}`),
    email: account.email,
    name: account.name,
    role: account.role,
    locale: "fr",
    createdAt: addDays(now, isNew ? -1 : -800),
  };
}

function buildApplicants(random: Random, now: Date, demoOwner: DemoUser): Applicant[] {
  const sirets = new Set<string>();
  return ORGANIZATIONS.map((seed) => {
    let siret = demoSiret(random);
    while (sirets.has(siret)) siret = demoSiret(random);
    sirets.add(siret);
    const createdAt = addDays(now, -random.int(30, 400));
    const organization: DemoOrganization = {
      id: demoId(`organization:${siret}`),
      legalName: seed.name,
      siret,
      legalForm: seed.legalForm ?? ASSOCIATION,
      addressLine: `${random.int(1, 148)} ${random.pick(STREETS)}`,
      postalCode: seed.postalCode,
      city: seed.city,
      region: seed.region,
      sector: seed.sector,
      membersCount: random.int(15, 180),
      createdAt,
    };
    const owner: DemoUser =
      seed.name === DEMO_ORGANIZATION_NAME
        ? { ...demoOwner, createdAt }
        : {
            id: demoId(`user:${seed.name}`),
            email: `delegation@${slugify(seed.name.replace(/^(Grappe|Pôle) /, ""))}.demo`,
            name: `Délégation générale, ${seed.name}`,
            role: "APPLICANT",
            locale: "fr",
            createdAt,
          };
    return { organization, owner, project: seed.project };
  });
}

/** A SIRET whose SIREN part also carries its own Luhn digit, as real ones do. */
function demoSiret(random: Random): string {
  let body = String(random.int(4, 8));
  for (let i = 0; i < 7; i++) body += String(random.int(0, 9));
  const sirenCheck = [...Array(10).keys()].find((digit) => luhnSum(`${body}${digit}`) % 10 === 0);
  return completeSiret(`${body}${sirenCheck}0001`);
}

function buildCriteria(callId: string, code: string): DemoCriterion[] {
  return CRITERIA.map((criterion, index) => ({
    id: demoId(`criterion:${code}:${index + 1}`),
    callId,
    position: index + 1,
    label: criterion.label,
    description: criterion.description,
    weight: criterion.weight,
    scaleMax: 5,
    threshold: criterion.threshold,
  }));
}

const CALL_SUMMARY =
  "Cet appel à projets soutient les grappes d'entreprises qui organisent une filière sur leur territoire. " +
  "Il finance, sur deux à trois ans, un programme d'actions collectives au service des entreprises membres : " +
  "partage de moyens, montée en compétences, conquête de nouveaux marchés, innovation et ouverture internationale.";

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function callRules(input: { budgetCents: bigint; opensAt: Date; closesAt: Date; reviewDeadline: Date }): string {
  const thresholds = CRITERIA.filter((c) => c.threshold !== null).map((c) => `« ${lowerFirst(c.label)} »`);
  const grid = CRITERIA.map((c) => `${lowerFirst(c.label)} (${c.weight} %)`).join(", ");
  return [
    "## Qui peut candidater ?",
    "Toute structure qui anime une grappe d'entreprises, quelle que soit sa forme juridique (association, groupement d'intérêt économique, société coopérative…), " +
      "immatriculée en France et titulaire d'un numéro SIRET. La grappe réunit au moins quinze entreprises adhérentes, en majorité des PME, " +
      "autour d'une filière, d'un métier ou d'un marché communs, et compte au moins un an d'existence à la date de clôture. Chaque structure dépose un seul dossier.",
    "## Dépenses éligibles",
    "Sont prises en compte les dépenses directement liées au programme d'actions : salaires de l'équipe d'animation, études et conseil, " +
      "formations collectives, participation à des salons et missions à l'étranger, outils partagés de communication et de veille. " +
      `L'aide, comprise entre ${formatEuros(MIN_GRANT_CENTS)} et ${formatEuros(MAX_GRANT_CENTS)}, couvre au plus la moitié des dépenses éligibles. ` +
      "L'immobilier et les dépenses engagées avant le dépôt du dossier sont exclus.",
    "## Critères de sélection",
    `Chaque dossier recevable est noté par deux experts indépendants sur quatre critères pondérés : ${grid}. ` +
      `Chaque critère est noté de 0 à 5 ; une moyenne inférieure à 3 sur le critère ${thresholds.join(" ou sur le critère ")} écarte le dossier. ` +
      `Le comité de sélection classe les dossiers, retient les lauréats dans la limite de l'enveloppe de ${formatEuros(input.budgetCents)} ` +
      "et arrête une liste complémentaire.",
    "## Calendrier",
    `Dépôt des dossiers du ${formatDate(input.opensAt)} au ${formatDate(input.closesAt)} à 23 h 59, heure de Paris. ` +
      "Contrôle de la recevabilité dans les quinze jours qui suivent la clôture. " +
      `Évaluation par les experts jusqu'au ${formatDate(input.reviewDeadline)}, ` +
      "puis réunion du comité de sélection et notification des décisions à chaque candidat.",
  ].join("\n\n");
}

/** A call's form and the conditions read from it; the standard form unless told. */
interface CallForm {
  definition: Json;
  rules: Json;
  maxCostShare: number | null;
}

const STANDARD_CALL_FORM: CallForm = { definition: STANDARD_FORM as unknown as Json, rules: {}, maxCostShare: null };

export function callRecord(
  input: Pick<DemoCall, "code" | "slug" | "title" | "opensAt" | "closesAt" | "budgetCents" | "status" | "reviewDeadline" | "receiptCounter" | "createdAt">,
  form: CallForm = STANDARD_CALL_FORM,
): DemoCall {
  return {
    ...input,
    id: demoId(`call:${input.code}`),
    summary: CALL_SUMMARY,
    rules: callRules(input),
    regionScope: null,
    minGrantCents: MIN_GRANT_CENTS,
    maxGrantCents: MAX_GRANT_CENTS,
    formVersion: 1,
    formDefinition: form.definition,
    eligibilityRules: form.rules,
    maxCostShare: form.maxCostShare,
    reviewersPerFile: REVIEWERS_PER_FILE,
    letterTemplates: LETTER_TEMPLATES,
    letterCounter: 0,
  };
}

/** "de Lille" but "d'Épinal". */
function elidedDe(place: string): string {
  return /^[AEIOUYÉÈÊÎ]/.test(place) ? `d'${place}` : `de ${place}`;
}

function projectSummary(random: Random, applicant: Applicant): string {
  const { organization, project } = applicant;
  const [first, second] = random.pickTwo(ACTION_STRANDS);
  const article = organization.legalName.startsWith("Pôle") ? "Le" : "La";
  return (
    `${article} ${organization.legalName} fédère ${organization.membersCount} entreprises du secteur « ${lowerFirst(organization.sector)} » ` +
    `autour ${elidedDe(organization.city)}. Le projet « ${project} » répond à un besoin exprimé par les adhérents lors des ateliers de l'année écoulée. ` +
    `Il repose sur deux volets : ${first} et ${second}. ` +
    `À trois ans, la grappe vise ${random.int(2, 12) * 5} emplois créés ou maintenus chez ses membres et ${random.int(5, 25)} nouvelles adhésions.`
  );
}

function requestedAmount(random: Random): number {
  return random.int(MIN_GRANT_CENTS / 5_000_00 + 2, MAX_GRANT_CENTS / 5_000_00 - 8) * 5_000_00;
}

function receiptNumber(code: string, sequence: number): string {
  return `${code}-${String(sequence).padStart(6, "0")}`;
}

/** Receipt numbers follow the order of submission, as the live submission path issues them. */
function numberReceipts(code: string, applications: DemoApplication[]): number {
  const submitted = applications.filter((a) => a.submittedAt !== null);
  submitted.sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
  submitted.forEach((application, index) => {
    application.receiptNumber = receiptNumber(code, index + 1);
  });
  return submitted.length;
}

function eligibilityEvent(actor: DemoUser, application: DemoApplication, when: Date): DemoAuditEvent {
  return {
    id: demoId(`audit:eligibility:${application.id}`),
    actorId: actor.id,
    action: "seed.eligibility",
    entityType: "Application",
    entityId: application.id,
    after: { status: application.status, eligibilityNote: application.eligibilityNote },
    createdAt: when,
  };
}

// --- Call A: open now, applications at every early stage. -----------------------------

const OPEN_CALL_STAGES: readonly ApplicationStatus[] = [
  ...Array<ApplicationStatus>(2).fill("ELIGIBLE"),
  ...Array<ApplicationStatus>(4).fill("SUBMITTED"),
  ...Array<ApplicationStatus>(6).fill("DRAFT"),
];

function buildOpenCall(context: Context, applicants: Applicant[]) {
  const { now, random } = context;
  const code = "GRAPPES-2026";
  const opensAt = parisTimeAfter(now, -20);
  const call = callRecord({
    code,
    slug: "dynamique-grappes-entreprises-2026",
    title: CALL_TITLE,
    status: "PUBLISHED",
    opensAt,
    closesAt: endOfParisDayAfter(now, 30),
    budgetCents: 6_000_000_00n,
    reviewDeadline: endOfParisDayAfter(now, 60),
    receiptCounter: 0,
    createdAt: addDays(opensAt, -15),
  }, { definition: DATAR_CLUSTER_FORM as unknown as Json, rules: DATAR_CLUSTER_RULES as Json, maxCostShare: 50 });

  const auditEvents: DemoAuditEvent[] = [];
  const applications = applicants.map((applicant, index): DemoApplication => {
    const status = at(OPEN_CALL_STAGES, index);
    const base = {
      id: demoId(`application:${code}:${applicant.organization.id}`),
      callId: call.id,
      organizationId: applicant.organization.id,
      createdById: applicant.owner.id,
      formVersion: 1,
      receiptNumber: null,
      notifiedAt: null,
    };
    if (status === "DRAFT") return { ...base, ...clusterDraft(random, applicant, index, opensAt), ...draftDates(random, opensAt, now) };

    const submittedAt =
      status === "ELIGIBLE" ? random.between(addDays(opensAt, 1), addDays(opensAt, 6)) : random.between(addDays(opensAt, 7), addDays(now, -1 / 24));
    const createdAt = random.between(opensAt, addDays(submittedAt, -1 / 24));
    const application: DemoApplication = {
      ...base,
      ...clusterContent(random, applicant, opensAt),
      status,
      submittedAt,
      eligibilityNote: status === "ELIGIBLE" ? ELIGIBLE_NOTE : null,
      createdAt,
      updatedAt: status === "ELIGIBLE" ? addDays(submittedAt, 2) : submittedAt,
    };
    if (status === "ELIGIBLE") auditEvents.push(eligibilityEvent(context.staff.instruction, application, application.updatedAt));
    return application;
  });
  call.receiptCounter = numberReceipts(code, applications);
  return { calls: [call], criteria: buildCriteria(call.id, code), applications, auditEvents };
}

/** An amount in whole euros as an applicant types it: « 185 000 ». */
function typedEuros(cents: number): string {
  return String(Math.round(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** The standard form's answers: a title, a summary, an amount. */
export function fullContent(random: Random, applicant: Applicant) {
  const summary = projectSummary(random, applicant);
  const requestedCents = requestedAmount(random);
  return {
    projectTitle: applicant.project,
    summary,
    requestedCents,
    answers: { projectTitle: applicant.project, summary, requestedAmount: typedEuros(requestedCents) },
  };
}

const TRADES = ["Scierie", "Menuiserie", "Ateliers", "Usinage", "Bureau d'études", "Tôlerie", "Transports", "Conserverie", "Imprimerie", "Chaudronnerie"] as const;
const FAMILY_NAMES = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Garnier"] as const;
const INDICATORS = [
  "emplois créés ou maintenus chez les membres",
  "nouvelles entreprises adhérentes",
  "projets collaboratifs engagés entre membres",
  "entreprises formées",
  "part du chiffre d'affaires réalisée à l'export",
] as const;

/** The Paris day of an instant as a date input gives it: « 2026-09-01 ». */
function isoDay(date: Date): string {
  const { year, month, day } = parisCalendarDay(date);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A cluster's whole application to the open call, answered through its form as an applicant
 * would: drawn from its own seed, so that the rest of the demo stays the same whatever is asked.
 */
export function clusterContent(main: Random, applicant: Applicant, opensAt: Date) {
  const { projectTitle, summary, requestedCents } = fullContent(main, applicant);
  const random = new Random(hash53(applicant.organization.id, 2010));
  const organization = applicant.organization;
  const legalForm = LEGAL_FORM_OPTIONS.find((option) => option.label === organization.legalForm);
  const smeCount = Math.round((organization.membersCount * random.int(70, 95)) / 100);
  const strands = random.shuffle(ACTION_STRANDS).slice(0, random.int(2, 3));
  const start = addDays(opensAt, 120);
  const actions = strands.map((strand, index) => ({
    title: capitalize(strand),
    description: `Action portée par un groupe de travail de ${random.int(5, 15)} entreprises membres, animé par la grappe.`,
    start: isoDay(addDays(start, index * 90)),
    end: isoDay(addDays(start, index * 90 + random.int(6, 24) * 30)),
  }));
  // Each line is rounded up to the thousand: the share asked stays at most the one drawn, and at most half.
  const share = random.int(35, 50) / 100;
  const total = requestedCents / share;
  const weights: [string, (typeof COST_CATEGORIES)[number]["value"], number][] = [
    ["Animation de la grappe (chef de projet, 2 ans)", "personnel", 0.45],
    ["Études et accompagnement par des consultants", "services", 0.3],
    ["Participation collective aux salons", "travel", 0.15],
    ["Site internet et supports de communication", "communication", 0.1],
  ];
  const costs = weights.map(([item, category, weight]) => ({ item, category, amount: typedEuros(Math.ceil((total * weight) / 100_000) * 100_000) }));
  const hasPartners = random.int(0, 2) > 0;
  const answers: Answers = {
    projectTitle,
    summary,
    legalForm: legalForm?.value ?? "autre",
    ...(legalForm ? {} : { legalFormOther: organization.legalForm }),
    yearCreated: String(random.int(1995, 2009)),
    memberCount: String(organization.membersCount),
    smeCount: String(smeCount),
    sector: organization.sector,
    territory: `Bassin ${elidedDe(organization.city)}, ${organization.region}`,
    members: Array.from({ length: random.int(3, 5) }, (_, index) => ({
      name: `${random.pick(TRADES)} ${random.pick(FAMILY_NAMES)}`,
      sme: index === 0 && random.int(0, 2) === 0 ? "no" : "yes",
    })),
    website: `https://www.${slugify(organization.legalName)}.fr`,
    contactEmail: applicant.owner.email,
    contactPhone: `0${random.int(1, 5)} ${Array.from({ length: 4 }, () => String(random.int(10, 99))).join(" ")}`,
    objectives: `Structurer la filière « ${lowerFirst(organization.sector)} » autour ${elidedDe(organization.city)} : ${strands.map(lowerFirst).join(", ")}.`,
    actions,
    indicators: random
      .shuffle(INDICATORS)
      .slice(0, 3)
      .map((indicator) => `${random.int(5, 60)} ${indicator}`)
      .join(" ; "),
    hasPartners: hasPartners ? "yes" : "no",
    ...(hasPartners ? { partners: `La région ${organization.region}, la chambre de commerce et d'industrie et un lycée professionnel ${elidedDe(organization.city)}.` } : {}),
    requestedAmount: typedEuros(requestedCents),
    costs,
    consent: "yes",
  };
  return { projectTitle, summary, requestedCents, answers: answers as Json };
}

/** The answers a draft has reached: the first section under way, the first section done, all but the consent. */
const DRAFT_STAGES: readonly (readonly string[])[] = [
  ["projectTitle", "legalForm", "legalFormOther", "yearCreated"],
  DATAR_CLUSTER_FORM.sections[0]!.fields.map((field) => field.key),
  DATAR_CLUSTER_FORM.sections.flatMap((section) => section.fields.map((field) => field.key)).filter((key) => key !== "consent"),
];

function clusterDraft(
  random: Random,
  applicant: Applicant,
  index: number,
  opensAt: Date,
): Pick<DemoApplication, "projectTitle" | "summary" | "requestedCents" | "answers" | "status" | "submittedAt" | "eligibilityNote"> {
  const full = clusterContent(random, applicant, opensAt);
  const keys = at(DRAFT_STAGES, index % DRAFT_STAGES.length);
  const answers = Object.fromEntries(Object.entries(full.answers as Answers).filter(([key]) => keys.includes(key))) as Answers;
  return {
    status: "DRAFT",
    submittedAt: null,
    eligibilityNote: null,
    projectTitle: full.projectTitle,
    summary: keys.includes("summary") ? full.summary : "",
    requestedCents: keys.includes("requestedAmount") ? full.requestedCents : null,
    answers: answers as Json,
  };
}

/** The documents each submitted file of a call holds: one per required attachment of its form. */
export function requiredDocuments(call: Pick<DemoCall, "formDefinition">): { kind: string; title: string }[] {
  return attachmentFields(parseFormDefinition(call.formDefinition))
    .filter((field) => field.required && !field.visibleWhen)
    .map((field) => ({ kind: field.key, title: field.label }));
}

function draftDates(random: Random, opensAt: Date, now: Date) {
  const createdAt = random.between(opensAt, addDays(now, -1));
  return { createdAt, updatedAt: random.between(createdAt, now) };
}

// --- Call B: decided a year ago, with reviews, ranking and decisions. -----------------

/** Target quality of each reviewed file, best first: the demo organisation gets the best. */
const DECIDED_QUALITIES = [4.6, 4.4, 4.3, 4.1, 4.0, 3.9, 3.8, 3.6, 3.5, 3.4, 3.3, 2.7, 2.4, 2.1] as const;

interface Scored {
  application: DemoApplication;
  weighted: number;
  /** The first thresholded criterion whose mean is below its threshold, if any. */
  failed: { label: string; mean: number } | null;
}

function buildDecidedCall(context: Context, applicants: Applicant[]) {
  const { now, random } = context;
  const code = "GRAPPES-2025";
  const opensAt = parisTimeAfter(now, -425);
  const closesAt = endOfParisDayAfter(now, -335);
  const eligibilityAt = parisTimeAfter(now, -325, 9);
  const assignedAt = parisTimeAfter(now, -322, 10);
  const reviewDeadline = endOfParisDayAfter(now, -290);
  const committeeDate = parisTimeAfter(now, -280, 10);
  const notifiedAt = parisTimeAfter(now, -273, 9, 30);
  const call = callRecord({
    code,
    slug: "dynamique-grappes-entreprises-2025",
    title: `${CALL_TITLE} (édition 2025)`,
    status: "ANNOUNCED",
    opensAt,
    closesAt,
    budgetCents: 3_000_000_00n,
    reviewDeadline,
    receiptCounter: 0,
    createdAt: addDays(opensAt, -30),
  });
  const criteria = buildCriteria(call.id, code);

  const ineligibleFrom = DECIDED_QUALITIES.length;
  const applications = applicants.map((applicant, index): DemoApplication => {
    const submittedAt = random.between(addDays(opensAt, 20), addDays(closesAt, -1 / 24));
    const ineligible = index >= ineligibleFrom;
    return {
      id: demoId(`application:${code}:${applicant.organization.id}`),
      callId: call.id,
      organizationId: applicant.organization.id,
      createdById: applicant.owner.id,
      formVersion: 1,
      ...fullContent(random, applicant),
      // Final statuses are set once the committee has ranked the files.
      status: ineligible ? "INELIGIBLE" : "REVIEWED",
      receiptNumber: null,
      submittedAt,
      eligibilityNote: ineligible ? at(INELIGIBILITY_NOTES, index - ineligibleFrom) : ELIGIBLE_NOTE,
      notifiedAt: ineligible ? addDays(eligibilityAt, 2) : notifiedAt,
      createdAt: random.between(opensAt, addDays(submittedAt, -1)),
      updatedAt: ineligible ? addDays(eligibilityAt, 2) : notifiedAt,
    };
  });
  call.receiptCounter = numberReceipts(code, applications);

  const assignments: DemoAssignment[] = [];
  const reviews: DemoReview[] = [];
  const reviewScores: DemoReviewScore[] = [];
  const scored: Scored[] = [];
  applications.slice(0, ineligibleFrom).forEach((application, index) => {
    const quality = at(DECIDED_QUALITIES, index);
    // Rotating pairs spread 28 reviews over 8 experts, 3 or 4 each.
    const pair = [index % 8, (index + 3) % 8].map((i) => at(context.reviewers, i));
    const scoresByCriterion = criteria.map(() => [] as number[]);
    for (const reviewer of pair) {
      const assignment: DemoAssignment = {
        id: demoId(`assignment:${application.id}:${reviewer.id}`),
        applicationId: application.id,
        reviewerId: reviewer.id,
        assignedById: context.staff.instruction.id,
        dueAt: reviewDeadline,
        status: "SUBMITTED",
        createdAt: assignedAt,
      };
      const scores = criteria.map(() => clampScore(Math.round(quality + (random.int(0, 16) - 8) / 10)));
      scores.forEach((score, c) => at(scoresByCriterion, c).push(score));
      const review = reviewRecord(random, assignment, criteria, scores, reviewDeadline);
      assignments.push(assignment);
      reviews.push(review);
      reviewScores.push(
        ...criteria.map((criterion, c) => ({
          id: demoId(`score:${review.id}:${criterion.id}`),
          reviewId: review.id,
          criterionId: criterion.id,
          score: at(scores, c),
          comment: commentFor(random, c, at(scores, c)),
        })),
      );
    }
    scored.push(scoreApplication(application, criteria, scoresByCriterion));
  });

  const decisions = decide(scored, call, committeeDate, context.staff.direction);
  const auditEvents = [
    ...applications
      .filter((a) => a.status === "INELIGIBLE")
      .map((a) => eligibilityEvent(context.staff.instruction, a, eligibilityAt)),
    ...decisions.map(
      (decision): DemoAuditEvent => ({
        id: demoId(`audit:decision:${decision.id}`),
        actorId: decision.decidedById,
        action: "seed.decision",
        entityType: "Decision",
        entityId: decision.id,
        after: { applicationId: decision.applicationId, outcome: decision.outcome, awardedCents: decision.awardedCents, rank: decision.rank },
        createdAt: committeeDate,
      }),
    ),
  ];
  return { calls: [call], criteria, applications, assignments, reviews, reviewScores, decisions, auditEvents };
}

function clampScore(score: number): number {
  return Math.min(5, Math.max(0, score));
}

export function weightedScore(criteria: readonly DemoCriterion[], scores: readonly number[]): number {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return criteria.reduce((sum, c, i) => sum + c.weight * at(scores, i), 0) / total;
}

export function reviewRecord(
  random: Random,
  assignment: DemoAssignment,
  criteria: readonly DemoCriterion[],
  scores: readonly number[],
  deadline: Date,
): DemoReview {
  const weighted = weightedScore(criteria, scores);
  const recommendation: Recommendation = weighted >= 3.8 ? "FUND" : weighted >= 3 ? "RESERVE" : "DO_NOT_FUND";
  const createdAt = addDays(assignment.createdAt, 1);
  return {
    id: demoId(`review:${assignment.id}`),
    assignmentId: assignment.id,
    applicationId: assignment.applicationId,
    reviewerId: assignment.reviewerId,
    status: "SUBMITTED",
    recommendation,
    overallComment: random.pick(OVERALL_COMMENTS[recommendation]),
    submittedAt: random.between(addDays(createdAt, 2), addDays(deadline, -1 / 24)),
    createdAt,
  };
}

function commentFor(random: Random, criterionIndex: number, score: number): string {
  const [low, mid, high] = at(CRITERIA, criterionIndex).comments;
  return random.pick(score <= 2 ? low : score === 3 ? mid : high);
}

function scoreApplication(application: DemoApplication, criteria: readonly DemoCriterion[], scoresByCriterion: number[][]): Scored {
  const means = scoresByCriterion.map((scores) => scores.reduce((a, b) => a + b, 0) / scores.length);
  const failedIndex = criteria.findIndex((c, i) => c.threshold !== null && at(means, i) < c.threshold);
  return {
    application,
    weighted: weightedScore(criteria, means),
    failed: failedIndex === -1 ? null : { label: at(criteria, failedIndex).label, mean: at(means, failedIndex) },
  };
}

function formatScore(score: number): string {
  return score.toFixed(2).replace(".", ",");
}

/**
 * The committee's rule: files below a threshold are rejected; the others are ranked by weighted
 * score and funded in order while the envelope lasts, then the next ones form the waitlist.
 */
function decide(scored: Scored[], call: DemoCall, committeeDate: Date, decider: DemoUser): DemoDecision[] {
  const ranked = scored.filter((s) => s.failed === null).sort((a, b) => b.weighted - a.weighted);
  let remaining = call.budgetCents;
  let envelopeExhausted = false;
  let waitlisted = 0;
  const decisions = ranked.map((entry, index): DemoDecision => {
    const rank = index + 1;
    const requested = entry.application.requestedCents ?? 0;
    const score = formatScore(entry.weighted);
    if (!envelopeExhausted && BigInt(requested) <= remaining) {
      remaining -= BigInt(requested);
      return decisionRecord(entry.application, "LAUREATE", requested, rank, committeeDate, decider,
        `Le comité de sélection retient le projet, classé au rang ${rank} avec une note pondérée de ${score}/5. ` +
          (entry.weighted >= 4
            ? "Il souligne la solidité de la stratégie de la grappe et le caractère opérationnel du programme d'actions. "
            : "Il relève l'intérêt du programme d'actions et demande un suivi attentif des indicateurs d'impact. ") +
          `Une subvention de ${formatEuros(requested)} est attribuée.`);
    }
    envelopeExhausted = true;
    if (waitlisted < WAITLIST_SIZE) {
      waitlisted += 1;
      return decisionRecord(entry.application, "WAITLISTED", null, rank, committeeDate, decider,
        `Le projet atteint les seuils de qualité et se classe au rang ${rank} avec une note pondérée de ${score}/5, ` +
          "mais le solde de l'enveloppe ne suffit plus à le financer. Il est inscrit sur la liste complémentaire " +
          "et pourra être financé si un lauréat renonce à son aide.");
    }
    return decisionRecord(entry.application, "REJECTED", null, rank, committeeDate, decider,
      `Le projet atteint les seuils de qualité, mais sa note pondérée de ${score}/5 (rang ${rank}) ` +
        "ne lui permet de figurer ni parmi les lauréats ni sur la liste complémentaire.");
  });
  for (const entry of scored) {
    if (entry.failed === null) continue;
    decisions.push(decisionRecord(entry.application, "REJECTED", null, null, committeeDate, decider,
      `Le projet n'atteint pas la moyenne minimale de 3/5 exigée sur le critère « ${entry.failed.label} » ` +
        `(${formatScore(entry.failed.mean)}/5) : le comité de sélection ne peut pas le retenir.`));
  }
  return decisions;
}

function decisionRecord(
  application: DemoApplication,
  outcome: DecisionOutcome,
  awardedCents: number | null,
  rank: number | null,
  committeeDate: Date,
  decider: DemoUser,
  motivation: string,
): DemoDecision {
  application.status = outcome;
  return {
    id: demoId(`decision:${application.id}`),
    applicationId: application.id,
    outcome,
    awardedCents,
    motivation,
    rank,
    committeeDate,
    decidedById: decider.id,
    createdAt: committeeDate,
  };
}
