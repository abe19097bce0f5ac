import { describe, expect, it, vi } from "vitest";
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { addDictionary, i18nOptions } from "~/i18n/config";
import fr from "~/i18n/locales/fr";
import en from "~/i18n/locales/en";
import { STANDARD_FORM } from "~/domain/form-definition";
import { definitionToEditor, formEditorSchema, keyFromLabel } from "~/schemas/form-editor";
import { DATAR_CLUSTER_FORM, DATAR_CLUSTER_RULES } from "../../prisma/demo-forms";

const loaderData = vi.hoisted(() => ({ current: {} as unknown }));
vi.mock("@remix-run/react", async (original) => ({
  ...(await original<typeof import("@remix-run/react")>()),
  useLoaderData: () => loaderData.current,
  useActionData: () => undefined,
  useNavigation: () => ({ state: "idle" }),
  Form: (props: Record<string, unknown>) => h("form", props),
}));
const { default: CallFormEditor } = await import("~/routes/gestion.appels.$callId.formulaire");

addDictionary("fr", fr);
addDictionary("en", en);

const callRules = { regions: [], legalForms: [], maxSharePercent: 50 };

describe("the form editor's inputs", () => {
  it.each([
    // A call without a cap on the share needs no costs group.
    ["the standard form", STANDARD_FORM, {}, { regions: [], legalForms: [] }],
    ["the cluster form", DATAR_CLUSTER_FORM, DATAR_CLUSTER_RULES, callRules],
  ] as const)("read back %s exactly", (_, definition, rules, conditions) => {
    const parsed = formEditorSchema(conditions).parse(definitionToEditor(definition, rules));
    expect(parsed.definition).toEqual(definition);
    expect(parsed.rules).toEqual(rules);
  });

  it("refuses at the input at fault: options, sizes, conditions", () => {
    const editor = definitionToEditor(DATAR_CLUSTER_FORM, DATAR_CLUSTER_RULES);
    const grappe = editor.sections![0]!;
    grappe.fields![2]!.options = "association | Association\nassociation | Encore";
    grappe.fields![3]!.conditionValues = "peut-être";
    editor.sections![3]!.fields![0]!.maxSizeMb = "50";
    editor.rules = { minMembers: "dix", membersField: "projectTitle", costsField: "costs" };
    const result = formEditorSchema(callRules).safeParse(editor);
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(issues).toEqual({
      "rules.minMembers": "numberExpected",
      "sections.0.fields.2.options": "optionDuplicate",
      "sections.0.fields.3.conditionValues": "conditionValueUnknown",
      "sections.3.fields.0.maxSizeMb": "tooLarge",
    });
  });

  it("derives keys from labels", () => {
    expect(keyFromLabel("Année de création")).toBe("anneeDeCreation");
    expect(keyFromLabel("2 pièces")).toBe("champ2Pieces");
  });
});

describe("the form editor's page, rendered without JavaScript", () => {
  it.each(["fr", "en"] as const)("shows every section and field with its buttons and the preview (%s)", async (lng) => {
    loaderData.current = {
      call: { id: "c1", title: "Soutien à la dynamique des grappes d’entreprises" },
      version: 2,
      startedOnCurrent: 3,
      definition: DATAR_CLUSTER_FORM,
      editor: definitionToEditor(DATAR_CLUSTER_FORM, DATAR_CLUSTER_RULES),
      callRules,
    };
    const i18n = createInstance();
    await i18n.use(initReactI18next).init({ ...i18nOptions, lng });
    const html = renderToStaticMarkup(h(I18nextProvider, { i18n }, h(CallFormEditor)));
    expect(html).not.toMatch(/formEditor\.|applicationForm\.|common\./);
    expect(html).toContain('name="sections[2].fields[1].fields[2].type"');
    expect(html).toContain('value="costs"');
    // Moving and removing are buttons of the form: they work without a script.
    expect((html.match(/name="__intent__"/g) ?? []).length).toBeGreaterThan(40);
    expect(html).toContain(lng === "fr" ? "3 dossiers ont commencé sur la version 2" : "3 files started on version 2");
    // The preview renders the applicant's form itself.
    expect(html).toContain('id="form-preview"');
    // The form's own texts are the staff's, in French, whatever the interface's language.
    expect(html).toContain("Ajouter une dépense");
  });
});
