import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import * as applicationRoute from "~/routes/espace.dossiers.$id";
import * as staffFileRoute from "~/routes/gestion.dossiers.$id";
import * as startRoute from "~/routes/espace.appels.$callId.candidater";
import { parseFormDefinition, STANDARD_FORM } from "~/domain/form-definition";
import { DomainError } from "~/domain/errors";
import { DefinitionError, saveCallForm } from "~/services/application-forms.server";
import type { Viewer } from "~/auth/permissions.server";
import type { Prisma } from "~/generated/prisma/client";
import { createApplicant, createCall, createUser, pdfFile } from "../support/factories";
import { callLoader } from "../support/remix";
import * as editorRoute from "~/routes/gestion.appels.$callId.formulaire";
import { definitionToEditor } from "~/schemas/form-editor";
import { sessionCookieFor } from "~/auth/session.server";

/** A cluster's form in three sections: a condition, a repeatable budget with its total, files. */
const DEFINITION = parseFormDefinition({
  sections: [
    {
      key: "grappe",
      title: "La grappe",
      fields: [
        { key: "projectTitle", type: "shortText", label: "Titre du projet", required: true, maxLength: 100 },
        { key: "yearCreated", type: "integer", label: "Année de création", required: true, min: 1950, max: 2030 },
        { key: "hasPartners", type: "yesNo", label: "Des partenaires publics ?", required: true },
        { key: "partners", type: "longText", label: "Lesquels ?", required: true, maxLength: 500, visibleWhen: { field: "hasPartners", equals: "yes" } },
        { key: "conventions", type: "attachment", label: "Conventions", required: true, visibleWhen: { field: "hasPartners", equals: "yes" } },
        {
          key: "members",
          type: "group",
          label: "Entreprises membres",
          required: true,
          fields: [{ key: "name", type: "shortText", label: "Raison sociale", required: true }],
        },
      ],
    },
    {
      key: "budget",
      title: "Budget",
      fields: [
        { key: "requestedAmount", type: "money", label: "Subvention demandée", required: true },
        {
          key: "costs",
          type: "group",
          label: "Dépenses éligibles",
          required: true,
          total: "amount",
          shareOf: "requestedAmount",
          fields: [
            { key: "item", type: "shortText", label: "Poste", required: true },
            { key: "amount", type: "money", label: "Montant", required: true },
          ],
        },
      ],
    },
    {
      key: "pieces",
      title: "Pièces",
      fields: [
        { key: "statutes", type: "attachment", label: "Statuts", required: true },
        { key: "annexes", type: "attachment", label: "Annexes", maxFiles: 2, formats: ["pdf", "image"] },
        { key: "consent", type: "checkbox", label: "J’accepte le règlement", required: true },
      ],
    },
  ],
});

type Fields = [string, string | File][];

async function post(applicationId: string, userId: string, fields: Fields) {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  const request = new Request("http://localhost/", { method: "POST", body, headers: { Cookie: await sessionCookieFor(userId) } });
  try {
    return (await applicationRoute.action({ request, params: { id: applicationId }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The « Candidater » button of a call: a redirect to the new draft. */
async function start(userId: string, callId: string): Promise<Response> {
  const request = new Request("http://localhost/", { method: "POST", headers: { Cookie: await sessionCookieFor(userId) } });
  return startRoute.action({ request, params: { callId }, context: {} }).catch((thrown: unknown) => thrown as Response);
}

async function reply(response: Response) {
  return (await response.json()) as { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
}

function errorsOf(body: { error?: Record<string, string[] | null> }) {
  return Object.fromEntries(Object.entries(body.error ?? {}).filter(([, v]) => v !== null));
}

const complete: Fields = [
  ["intent", "save"],
  ["projectTitle", "Filière bois 2027"],
  ["yearCreated", "2004"],
  ["hasPartners", "no"],
  ["members[0].name", "Scierie Vosgienne"],
  ["members[1].name", "Menuiserie Martin"],
  ["requestedAmount", "185 000"],
  ["costs[0].item", "Animation"],
  ["costs[0].amount", "300 000"],
  ["costs[1].item", "Études"],
  ["costs[1].amount", "100 000"],
  ["consent", "yes"],
];

const withField = (fields: Fields, name: string, value: string): Fields => [...fields.filter(([n]) => n !== name), [name, value]];

describe("application forms built from a definition", () => {
  let callId: string;
  let staff: Viewer;
  let applicant: { userId: string; organizationId: string };
  let applicationId: string;

  beforeAll(async () => {
    const call = await createCall();
    callId = call.id;
    await prisma.call.update({
      where: { id: callId },
      data: {
        formDefinition: DEFINITION as unknown as Prisma.InputJsonValue,
        eligibleRegions: ["Grand Est"],
        legalForms: ["Association loi 1901"],
        maxCostShare: 50,
        eligibilityRules: { minMembers: 2, membersField: "members", costsField: "costs" },
      },
    });
    const staffUser = await createUser("STAFF");
    staff = { id: staffUser.id, role: "STAFF", organizationIds: [] };
    const { user, organization } = await createApplicant();
    applicant = { userId: user.id, organizationId: organization.id };
    expect((await start(user.id, callId)).status).toBe(302);
    applicationId = (await prisma.application.findFirstOrThrow({ where: { callId, organizationId: organization.id } })).id;
  });

  it("saves answers as typed, rows and all, with the well-known columns filled and hidden answers dropped", async () => {
    const response = await post(applicationId, applicant.userId, [...complete, ["partners", "La région"]]);
    expect(response.status).toBe(302);
    const saved = await prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(saved.answers).toEqual({
      projectTitle: "Filière bois 2027",
      yearCreated: "2004",
      hasPartners: "no",
      members: [{ name: "Scierie Vosgienne" }, { name: "Menuiserie Martin" }],
      requestedAmount: "185 000",
      costs: [
        { item: "Animation", amount: "300 000" },
        { item: "Études", amount: "100 000" },
      ],
      consent: "yes",
    });
    expect(saved).toMatchObject({ projectTitle: "Filière bois 2027", requestedCents: 185_000_00, formVersion: 1 });
  });

  it("refuses a malformed answer next to its field, keeps everything typed and writes nothing", async () => {
    const before = await prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: { answers: true, updatedAt: true } });
    const response = await post(applicationId, applicant.userId, withField(withField(complete, "yearCreated", "deux mille"), "costs[1].amount", "cent"));
    expect(response.status).toBe(400);
    const body = await reply(response);
    expect(errorsOf(body)).toEqual({ yearCreated: ["integerExpected"], "costs[1].amount": ["amountInvalid"] });
    expect(body.initialValue).toMatchObject({ yearCreated: "deux mille", projectTitle: "Filière bois 2027", costs: [{ item: "Animation" }, { item: "Études", amount: "cent" }] });
    expect(await prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: { answers: true, updatedAt: true } })).toEqual(before);
  });

  it("adds a row of a repeatable group without JavaScript: the form comes back with it, nothing saved", async () => {
    const response = await post(applicationId, applicant.userId, [...complete, ["__intent__", JSON.stringify({ type: "insert", payload: { name: "members" } })]]);
    expect(response.status).toBe(200);
    const body = await reply(response);
    expect((body.initialValue?.members as unknown[]).length).toBe(3);
    expect(((await prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).answers as { members: unknown[] }).members).toHaveLength(2);
  });

  it("refuses to submit what is missing, files included, at each field's path, after saving what was typed", async () => {
    const fields = withField(complete, "intent", "submit").filter(([name]) => name !== "consent" && name !== "costs[1].item");
    const response = await post(applicationId, applicant.userId, [...withField(fields, "hasPartners", "yes")]);
    expect(response.status).toBe(400);
    expect(errorsOf(await reply(response))).toEqual({
      "": ["incomplete"],
      partners: ["required"],
      conventions: ["required"],
      "costs[1].item": ["required"],
      consent: ["required"],
      statutes: ["required"],
    });
    const saved = await prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
    expect(saved.status).toBe("DRAFT");
    expect((saved.answers as { hasPartners: string }).hasPartners).toBe("yes");
  });

  it("stores files by field, checked by content; a hidden field's files are removed with its answer", async () => {
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array(20).fill(0)])], "photo.png");
    const fake = new File(["not a pdf at all"], "statuts.pdf", { type: "application/pdf" });
    const refused = await post(applicationId, applicant.userId, [...withField(complete, "hasPartners", "yes"), ["partners", "Région"], ["statutes", fake]]);
    expect(errorsOf(await reply(refused))).toEqual({ statutes: ["fileNotPdf"] });

    const tooMany = await post(applicationId, applicant.userId, [...complete, ["annexes", await pdfFile("a.pdf")], ["annexes", await pdfFile("b.pdf")], ["annexes", await pdfFile("c.pdf")]]);
    expect(errorsOf(await reply(tooMany))).toEqual({ annexes: ["tooManyFilesMax"] });

    const saved = await post(applicationId, applicant.userId, [
      ...withField(complete, "hasPartners", "yes"),
      ["partners", "Région Grand Est"],
      ["statutes", await pdfFile("statuts.pdf")],
      ["conventions", await pdfFile("conventions.pdf")],
      ["annexes", await pdfFile("annexe.pdf")],
      ["annexes", png],
    ]);
    expect(saved.status).toBe(302);
    const kinds = async () => (await prisma.attachment.findMany({ where: { applicationId }, orderBy: { kind: "asc" } })).map((a) => `${a.kind}:${a.mimeType}`);
    expect(await kinds()).toEqual(["annexes:application/pdf", "annexes:image/png", "conventions:application/pdf", "statutes:application/pdf"]);

    // The field is full: a third annex is refused until one is removed.
    const third = await post(applicationId, applicant.userId, [...withField(complete, "hasPartners", "yes"), ["partners", "Région"], ["annexes", await pdfFile("c.pdf")]]);
    expect(errorsOf(await reply(third))).toEqual({ annexes: ["tooManyFilesMax"] });
    const annex = await prisma.attachment.findFirstOrThrow({ where: { applicationId, mimeType: "image/png" } });
    await post(applicationId, applicant.userId, [...withField(complete, "hasPartners", "yes"), ["partners", "Région"], ["removeAttachment", annex.id]]);
    expect(await kinds()).toEqual(["annexes:application/pdf", "conventions:application/pdf", "statutes:application/pdf"]);

    // No partners any more: their answer and their conventions go.
    expect((await post(applicationId, applicant.userId, complete)).status).toBe(302);
    expect(await kinds()).toEqual(["annexes:application/pdf", "statutes:application/pdf"]);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).answers).not.toHaveProperty("partners");
  });

  it("refuses an ineligible file with the numbers, then accepts it once fixed", async () => {
    const tooMuch = await post(applicationId, applicant.userId, withField(withField(complete, "intent", "submit"), "requestedAmount", "250 000"));
    expect(tooMuch.status).toBe(400);
    expect(errorsOf(await reply(tooMuch))).toEqual({ "": ["ineligible"], costs: ["eligibilityShare"] });
    const staffPage = await callLoader(staffFileRoute.loader, { userId: staff.id, params: { id: applicationId } });
    const { content } = (await staffPage.json()) as { content: { version: number; eligibility: { rule: string; status: string; params: Record<string, unknown> }[] } };
    expect(content.version).toBe(1);
    expect(content.eligibility.map((c) => `${c.rule}:${c.status}`)).toEqual(["region:met", "legalForm:met", "members:met", "amount:met", "share:unmet", "documents:met"]);
    expect(content.eligibility[4]!.params).toMatchObject({ share: 62.5, max: 50, total: 400_000_00, limit: 200_000_00 });

    const fixed = await post(applicationId, applicant.userId, withField(complete, "intent", "submit"));
    expect(fixed.status).toBe(302);
    expect(await prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).toMatchObject({ status: "SUBMITTED", requestedCents: 185_000_00 });
  });

  it("versions the form once files have started on it: they keep theirs, new files take the new one", async () => {
    const edited = parseFormDefinition({
      ...DEFINITION,
      sections: DEFINITION.sections.map((section) =>
        section.key === "grappe" ? { ...section, fields: [...section.fields, { key: "website", type: "url", label: "Site web" }] } : section,
      ),
    });
    expect(await saveCallForm(staff, callId, { definition: edited })).toEqual({ version: 2, migrated: 0 });
    expect(await prisma.callFormVersion.findMany({ where: { callId }, select: { version: true } })).toEqual([{ version: 1 }]);
    // A second edit before any file starts on version 2 stays version 2.
    expect(await saveCallForm(staff, callId, { definition: edited })).toEqual({ version: 2, migrated: 0 });

    const page = await callLoader(applicationRoute.loader, { userId: applicant.userId, params: { id: applicationId } });
    const { form } = (await page.json()) as { form: { version: number; definition: { sections: { fields: { key: string }[] }[] } } };
    expect(form.version).toBe(1);
    expect(form.definition.sections[0]!.fields.map((f) => f.key)).not.toContain("website");

    const other = await createApplicant();
    await start(other.user.id, callId);
    expect((await prisma.application.findFirstOrThrow({ where: { callId, organizationId: other.organization.id } })).formVersion).toBe(2);
    const events = await prisma.auditEvent.count({ where: { entityId: callId, action: "call.form_saved" } });
    expect(events).toBe(2);
  });

  it("moves drafts to the new version when staff choose so, keeping the answers it still accepts, and tells the applicant", async () => {
    const { user, organization } = await createApplicant();
    await start(user.id, callId);
    const draft = await prisma.application.findFirstOrThrow({ where: { callId, organizationId: organization.id } });
    expect(draft.formVersion).toBe(2);
    expect((await post(draft.id, user.id, [...complete, ["website", "https://grappe.fr"]])).status).toBe(302);
    const submittedBefore = await prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: { formVersion: true } });

    // Version 3 drops the website and asks for a shorter title; both drafts on version 2 move.
    const shorter = parseFormDefinition({
      sections: DEFINITION.sections.map((section) =>
        section.key === "grappe"
          ? { ...section, fields: section.fields.map((field) => (field.key === "projectTitle" ? { ...field, maxLength: 10 } : field)) }
          : section,
      ),
    });
    expect(await saveCallForm(staff, callId, { definition: shorter, migrateDrafts: true })).toEqual({ version: 3, migrated: 2 });
    const moved = await prisma.application.findUniqueOrThrow({ where: { id: draft.id } });
    expect(moved.formVersion).toBe(3);
    expect(moved.answers).not.toHaveProperty("website");
    expect(moved.answers).not.toHaveProperty("projectTitle");
    expect(moved.answers).toMatchObject({ yearCreated: "2004", requestedAmount: "185 000" });
    expect(moved.projectTitle).toBe("");
    // A submitted file is never moved.
    expect(await prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: { formVersion: true } })).toEqual(submittedBefore);

    const page = async () => ((await (await callLoader(applicationRoute.loader, { userId: user.id, params: { id: draft.id } })).json()) as { migration: { version: number } | null }).migration;
    expect(await page()).toMatchObject({ version: 3 });
    expect((await post(draft.id, user.id, withField(complete, "projectTitle", "Bois 2027"))).status).toBe(302);
    expect(await page()).toBeNull();
  });

  it("refuses an invalid definition with every problem at its path, and keeps the saved one", async () => {
    const before = await prisma.call.findUniqueOrThrow({ where: { id: callId }, select: { formDefinition: true, formVersion: true } });
    const broken = {
      sections: [
        {
          key: "a",
          title: "A",
          fields: [
            { key: "x", type: "shortText", label: "X", visibleWhen: { field: "nowhere", equals: "yes" } },
            { key: "x", type: "integer", label: "X bis", min: 10, max: 1 },
          ],
        },
      ],
    };
    const error = await saveCallForm(staff, callId, { definition: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionError);
    expect((error as DomainError).fields).toEqual({
      "sections[0].fields[0].visibleWhen.field": "conditionFieldMissing",
      "sections[0].fields[1].key": "definitionKeyDuplicate",
      "sections[0].fields[1].min": "boundsReversed",
    });
    const rules = await saveCallForm(staff, callId, { definition: STANDARD_FORM, rules: { minMembers: 3, membersField: "members" } }).catch((e: unknown) => e);
    // The call caps the requested share: the form must say where the costs are.
    expect((rules as DomainError).fields).toEqual({ "rules.membersField": "eligibilityFieldUnsuitable", "rules.costsField": "eligibilityFieldUnsuitable" });
    expect(await prisma.call.findUniqueOrThrow({ where: { id: callId }, select: { formDefinition: true, formVersion: true } })).toEqual(before);
  });

  it("only staff edit a call's form", async () => {
    const error = await saveCallForm({ id: applicant.userId, role: "APPLICANT", organizationIds: [applicant.organizationId] }, callId, { definition: STANDARD_FORM }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(403);
  });
});

/** The editor's inputs as a browser posts them: « sections[0].fields[1].label ». */
function editorEntries(value: unknown, prefix = ""): Fields {
  if (Array.isArray(value)) return value.flatMap((item, index) => editorEntries(item, `${prefix}[${index}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => editorEntries(item, prefix ? `${prefix}.${key}` : key));
  return value === undefined ? [] : [[prefix, String(value)]];
}

describe("the staff's form editor", () => {
  let staffId: string;
  let callId: string;

  beforeAll(async () => {
    staffId = (await createUser("STAFF")).id;
    callId = (await createCall()).id;
  });

  async function postEditor(fields: Fields) {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    const request = new Request("http://localhost/", { method: "POST", body, headers: { Cookie: await sessionCookieFor(staffId) } });
    return (await editorRoute.action({ request, params: { callId }, context: {} }).catch((thrown: unknown) => thrown)) as Response;
  }

  it("shows the current form to staff only", async () => {
    const page = await callLoader(editorRoute.loader, { userId: staffId, params: { callId } });
    const body = (await page.json()) as { version: number; editor: { sections: { fields: { key: string }[] }[] } };
    expect(body.version).toBe(1);
    expect(body.editor.sections[0]!.fields.map((f) => f.key)).toEqual(["projectTitle", "summary", "requestedAmount", "projectPdf"]);
    const { user } = await createApplicant();
    expect((await callLoader(editorRoute.loader, { userId: user.id, params: { callId } })).status).toBe(403);
  });

  it("offers the standard form to start from when a new call has none", async () => {
    const fresh = await createCall({ status: "DRAFT" });
    await prisma.call.update({ where: { id: fresh.id }, data: { formDefinition: { version: 1, sections: [] } } });
    const page = await callLoader(editorRoute.loader, { userId: staffId, params: { callId: fresh.id } });
    const body = (await page.json()) as { fromStandard: boolean; editor: { sections: { fields: { key: string }[] }[] } };
    expect(body.fromStandard).toBe(true);
    expect(body.editor.sections[0]!.fields.map((f) => f.key)).toEqual(["projectTitle", "summary", "requestedAmount", "projectPdf"]);
  });

  it("previews, refuses at the input at fault, moves with intent buttons and saves, without JavaScript", async () => {
    const editor = definitionToEditor(DEFINITION, { minMembers: 2, membersField: "members" });
    const entries = editorEntries(editor);

    const preview = await postEditor([...entries, ["intent", "preview"]]);
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as { preview: { sections: unknown[] } }).preview.sections).toHaveLength(3);

    const broken = entries.map(([name, value]): [string, string | File] =>
      name === "sections[0].fields[1].key" ? [name, "projectTitle"] : name === "sections[0].fields[3].conditionField" ? [name, "nowhere"] : [name, value],
    );
    const refused = await postEditor([...broken, ["intent", "save"]]);
    expect(refused.status).toBe(400);
    const refusal = (await refused.json()) as { editor: { error: Record<string, string[] | null>; initialValue: { sections: { fields: { key: string }[] }[] } } };
    expect(errorsOf(refusal.editor)).toEqual({
      "sections[0].fields[1].key": ["definitionKeyDuplicate"],
      "sections[0].fields[3].conditionField": ["conditionFieldMissing"],
    });
    expect(refusal.editor.initialValue.sections[0]!.fields[1]!.key).toBe("projectTitle");

    const moved = await postEditor([...entries, ["__intent__", JSON.stringify({ type: "reorder", payload: { name: "sections", from: 2, to: 0 } })]]);
    expect(moved.status).toBe(200);
    const reordered = (await moved.json()) as { editor: { initialValue: { sections: { key: string }[] } } };
    expect(reordered.editor.initialValue.sections.map((section) => section.key)).toEqual(["pieces", "grappe", "budget"]);

    // A field added without a key takes one from its label.
    const added: Fields = [...entries, ["sections[0].fields[6].type", "url"], ["sections[0].fields[6].label", "Site web de la grappe"], ["intent", "save"]];
    const saved = await postEditor(added);
    expect(saved.status).toBe(302);
    const call = await prisma.call.findUniqueOrThrow({ where: { id: callId }, select: { formDefinition: true, formVersion: true, eligibilityRules: true } });
    expect(call.formVersion).toBe(1);
    expect(call.eligibilityRules).toEqual({ minMembers: 2, membersField: "members" });
    const grappe = (call.formDefinition as { sections: { fields: { key: string; type: string }[] }[] }).sections[0]!;
    expect(grappe.fields.at(-1)).toMatchObject({ key: "siteWebDeLaGrappe", type: "url" });
  });
});
