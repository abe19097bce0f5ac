import { describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { useForm, type FieldMetadata } from "@conform-to/react";
import { addDictionary, i18nOptions } from "~/i18n/config";
import fr from "~/i18n/locales/fr";
import en from "~/i18n/locales/en";
import { checkEligibility } from "~/domain/eligibility";
import { DATAR_CLUSTER_FORM } from "../../prisma/demo-forms";
import { ApplicationAnswers, ApplicationFormFields, EligibilityChecklist } from "~/ui/application-form";
import type { Answers } from "~/domain/form-definition";

addDictionary("fr", fr);
addDictionary("en", en);

async function render(lng: "fr" | "en", element: ReturnType<typeof h>) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng });
  return renderToStaticMarkup(h(I18nextProvider, { i18n }, element));
}

const answers: Answers = {
  projectTitle: "Filière bois 2027",
  legalForm: "association",
  hasPartners: "yes",
  members: [{ name: "Scierie Vosgienne", siret: "", sme: "yes" }],
  requestedAmount: "185 000",
  costs: [
    { item: "Animation", category: "personnel", amount: "300 000" },
    { item: "Études", category: "services", amount: "100 000" },
  ],
};

function Filled() {
  const [form, fields] = useForm<Record<string, unknown>>({ id: "application", defaultValue: answers as never });
  return h(ApplicationFormFields, { definition: DATAR_CLUSTER_FORM, form, fields: fields as Record<string, FieldMetadata<unknown>>, attachmentHref: (id) => `/pieces/${id}` });
}

describe("the application form as rendered on the server, without JavaScript", () => {
  it.each(["fr", "en"] as const)("renders every section, field and computed line with no missing text (%s)", async (lng) => {
    const html = await render(lng, h(Filled));
    for (const section of DATAR_CLUSTER_FORM.sections) expect(html).toContain(section.title);
    // A missing translation shows its key: none may.
    expect(html).not.toMatch(/applicationForm\.|formEditor\.|eligibility\.|common\./);
    expect(html).toContain('name="costs[1].amount"');
    expect(html).toContain('value="185 000"');
    // Rows are added and removed by buttons of the form itself.
    expect(html).toMatch(/name="__intent__"/);
    expect(html).toContain(lng === "fr" ? "400\u00a0000\u00a0€" : "€400,000");
    expect(html).toContain(lng === "fr" ? "46,3" : "46.3");
    // The live counter waits for the script; the limit is stated without it.
    expect(html).not.toContain(lng === "fr" ? "caractères saisis" : "characters typed");
  });

  it("states each eligibility condition with its numbers, and reads the answers back", async () => {
    const checks = checkEligibility({
      call: { minGrantCents: 50_000_00, maxGrantCents: 500_000_00 },
      rules: { regions: ["Grand Est"], legalForms: [], maxSharePercent: 50, minMembers: 5, membersField: "members", costsField: "costs" },
      organization: { region: "Corse", legalForm: "Association loi 1901", membersCount: 40 },
      definition: DATAR_CLUSTER_FORM,
      answers,
      attachments: new Set(),
    });
    const html = await render("fr", h("div", null, h(EligibilityChecklist, { checks }), h(ApplicationAnswers, { definition: DATAR_CLUSTER_FORM, answers, attachments: [], attachmentHref: () => "#" })));
    expect(html).toContain("Montant demandé entre 50\u00a0000\u00a0€ et 500\u00a0000\u00a0€.");
    expect(html).toContain("Votre structure est enregistrée en Corse.");
    expect(html).toContain("Le dossier compte 1 entreprises membres.");
    expect(html).toContain("Scierie Vosgienne");
    expect(html).not.toMatch(/applicationForm\.|eligibility\./);
  });
});
