import { z } from "zod";
import { isValidSiret } from "~/domain/siret";
import { text } from "~/schemas/fields";

export const REGIONS = [
  "Auvergne-Rhône-Alpes",
  "Bourgogne-Franche-Comté",
  "Bretagne",
  "Centre-Val de Loire",
  "Corse",
  "Grand Est",
  "Hauts-de-France",
  "Île-de-France",
  "Normandie",
  "Nouvelle-Aquitaine",
  "Occitanie",
  "Pays de la Loire",
  "Provence-Alpes-Côte d'Azur",
  "Guadeloupe",
  "Martinique",
  "Guyane",
  "La Réunion",
  "Mayotte",
] as const;

export const LEGAL_FORMS = ["Association loi 1901", "Groupement d'intérêt économique", "Société coopérative d'intérêt collectif", "Syndicat professionnel"] as const;

export const organizationSchema = z.object({
  legalName: text({ max: 200, required: true }),
  siret: z
    .string({ required_error: "required" })
    .transform((v) => v.replace(/[\s.]/g, ""))
    .refine((v) => /^\d{14}$/.test(v), "siretFormat")
    .refine(isValidSiret, "siretChecksum"),
  legalForm: z.enum(LEGAL_FORMS, { errorMap: () => ({ message: "required" }) }),
  addressLine: text({ max: 200, required: true }),
  postalCode: z.string({ required_error: "required" }).trim().regex(/^\d{5}$/, "postalCode"),
  city: text({ max: 120, required: true }),
  region: z.enum(REGIONS, { errorMap: () => ({ message: "required" }) }),
  sector: text({ max: 120, required: true }),
  membersCount: z.coerce
    .number({ required_error: "required", invalid_type_error: "integerExpected" })
    .int("integerExpected")
    .min(1, "positiveExpected")
    .max(100000, "tooLarge"),
});
