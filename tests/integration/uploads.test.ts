import { readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { sweepOrphanUploads } from "~/storage/attachments.server";
import * as applicationRoute from "~/routes/espace.dossiers.$id";
import * as loginRoute from "~/routes/connexion";
import * as reviewRoute from "~/routes/expertise.$assignmentId";
import { createApplicant, createApplication, createCall, createUser, pdfBytes, pdfFile } from "../support/factories";
import { flashOf, postForm } from "../support/remix";
import { multipartBody, multipartType, postBody, streamedBody, TEST_BOUNDARY } from "../support/bodies";

const MiB = 1024 * 1024;
const encoder = new TextEncoder();

async function draftOf() {
  const call = await createCall();
  const { user, organization } = await createApplicant();
  const application = await createApplication(call.id, organization.id, user.id);
  return { user, application };
}

function storedFiles() {
  return readdir(process.env.STORAGE_DIR!).catch(() => [] as string[]);
}

async function replyOf(response: Response) {
  return (await response.json()) as { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
}

/** The multipart head of a draft save whose last part is a file still being sent. */
function headThenFile(fields: Record<string, string>, filename: string) {
  const parts = Object.entries(fields).map(([name, value]) => ({ name, value }));
  const head = multipartBody(parts);
  // Drop the closing delimiter and open the file part instead.
  const open = head.subarray(0, head.length - `--${TEST_BOUNDARY}--\r\n`.length);
  const fileHead = encoder.encode(
    `--${TEST_BOUNDARY}\r\nContent-Disposition: form-data; name="projectPdf"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const all = new Uint8Array(open.length + fileHead.length);
  all.set(open);
  all.set(fileHead, open.length);
  return all;
}

describe("uploads: file names", () => {
  it.each(["rapport=final.pdf", "budget;v2.pdf", "a=b; c=d.pdf"])("stores a PDF named %s", async (filename) => {
    const { user, application } = await draftOf();
    const response = await postForm(
      applicationRoute.action,
      { intent: "save", projectTitle: "Titre", projectPdf: await pdfFile(filename) },
      { userId: user.id, params: { id: application.id } },
    );
    expect(await flashOf(response)).toEqual({ kind: "notice", key: "draftSaved" });
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { applicationId: application.id } });
    expect(attachment.filename).toBe(filename.replace(/[=;]/g, "_"));
  });
});

describe("uploads: bounded bodies", () => {
  it("refuses a 50 MB file sent without a length next to its field, keeps what was typed, and hangs up before its end", async () => {
    const { user, application } = await draftOf();
    const body = streamedBody({ head: headThenFile({ projectTitle: "Titre saisi", summary: "Résumé" }, "enorme.pdf"), fillerBytes: 50 * MiB });
    const response = await postBody(applicationRoute.action, body.stream, multipartType(), { userId: user.id, params: { id: application.id } });
    expect(response.status).toBe(413);
    const reply = await replyOf(response);
    expect(reply.error).toEqual({ projectPdf: ["fileTooLarge"] });
    expect(reply.initialValue).toMatchObject({ projectTitle: "Titre saisi", summary: "Résumé" });
    await expect.poll(() => body.cancelled(), { timeout: 10_000 }).toBe(true);
    expect(body.pulled()).toBeLessThan(50 * MiB);
    expect(await prisma.attachment.count({ where: { applicationId: application.id } })).toBe(0);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).projectTitle).not.toBe("Titre saisi");
  });

  it("refuses a multipart text field over 3 MB next to the field and writes nothing", async () => {
    const { user, application } = await draftOf();
    const body = multipartBody([
      { name: "intent", value: "save" },
      { name: "projectTitle", value: "Titre saisi" },
      { name: "summary", value: "x".repeat(3 * MiB + 1) },
    ]);
    const response = await postBody(applicationRoute.action, body, multipartType(), { userId: user.id, params: { id: application.id } });
    expect(response.status).toBe(413);
    const reply = await replyOf(response);
    expect(reply.error).toEqual({ summary: ["tooLong"] });
    expect(reply.initialValue).toMatchObject({ intent: "save", projectTitle: "Titre saisi" });
    const after = await prisma.application.findUniqueOrThrow({ where: { id: application.id } });
    expect(after.summary).toBe(application.summary);
  });

  it("refuses extra file parts before reading them", async () => {
    const { user, application } = await draftOf();
    const pdf = await pdfBytes();
    const parts = Array.from({ length: 20 }, (_, i) => ({ name: "projectPdf", value: pdf, filename: `piece-${i}.pdf`, contentType: "application/pdf" }));
    const response = await postBody(applicationRoute.action, multipartBody([{ name: "intent", value: "save" }, ...parts]), multipartType(), {
      userId: user.id,
      params: { id: application.id },
    });
    expect(response.status).toBe(413);
    expect((await replyOf(response)).error).toEqual({ "": ["tooManyFiles"] });
    expect(await prisma.attachment.count({ where: { applicationId: application.id } })).toBe(0);
  });

  it("refuses a file posted to a form that takes none", async () => {
    const reviewer = await createUser("REVIEWER");
    const call = await createCall();
    const { user, organization } = await createApplicant();
    const application = await createApplication(call.id, organization.id, user.id, "ELIGIBLE");
    const staff = await createUser("STAFF");
    const assignment = await prisma.assignment.create({ data: { applicationId: application.id, reviewerId: reviewer.id, assignedById: staff.id } });
    const body = multipartBody([
      { name: "intent", value: "conflict" },
      { name: "reason", value: "x", filename: "x.pdf", contentType: "application/pdf" },
    ]);
    const response = await postBody(reviewRoute.action, body, multipartType(), { userId: reviewer.id, params: { assignmentId: assignment.id } });
    expect(response.status).toBe(413);
    expect((await replyOf(response)).error).toEqual({ "": ["filesNotAccepted"] });
    expect(await prisma.conflict.count()).toBe(0);
  });

  it("refuses an anonymous 50 MB login form after about 1 MB, without sending the password back", async () => {
    const body = streamedBody({ head: encoder.encode("email=a%40b.fr&password=secret&redirectTo="), fillerBytes: 50 * MiB });
    const response = await postBody(loginRoute.action, body.stream, "application/x-www-form-urlencoded");
    expect(response.status).toBe(413);
    const reply = await replyOf(response);
    expect(reply.error).toEqual({ "": ["formTooLarge"] });
    expect(JSON.stringify(reply)).not.toContain("secret");
  });

  it("hangs up on a refused body that never ends, after reading a bounded amount", async () => {
    const body = streamedBody({ head: encoder.encode("email="), fillerBytes: Infinity });
    const response = await postBody(loginRoute.action, body.stream, "application/x-www-form-urlencoded");
    expect(response.status).toBe(413);
    await expect.poll(() => body.cancelled(), { timeout: 10_000 }).toBe(true);
    expect(body.pulled()).toBeLessThan(40 * MiB);
  });

  it("reads nothing of a stranger's upload", async () => {
    const { application } = await draftOf();
    const stranger = await createApplicant();
    const body = streamedBody({ head: headThenFile({ intent: "save" }, "x.pdf"), fillerBytes: 5 * MiB });
    const response = await postBody(applicationRoute.action, body.stream, multipartType(), { userId: stranger.user.id, params: { id: application.id } });
    expect(response.status).toBe(403);
    expect(body.pulled()).toBe(0);
  });

  it("answers 400 to a broken multipart body and 415 to a body that is not a form", async () => {
    const { user, application } = await draftOf();
    const whole = multipartBody([{ name: "intent", value: "save" }, { name: "projectTitle", value: "Titre" }]);
    const truncated = whole.subarray(0, whole.length - 20);
    const options = { userId: user.id, params: { id: application.id } };
    const broken = await postBody(applicationRoute.action, truncated, multipartType(), options);
    expect(broken.status).toBe(400);
    expect((await replyOf(broken)).error).toEqual({ "": ["formUnreadable"] });
    const noBoundary = await postBody(applicationRoute.action, whole, "multipart/form-data", options);
    expect(noBoundary.status).toBe(400);
    const json = await postBody(applicationRoute.action, JSON.stringify({ intent: "save" }), "application/json", options);
    expect(json.status).toBe(415);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: application.id } })).projectTitle).toBe(application.projectTitle);
  });
});

describe("uploads: files left behind", () => {
  it("removes the previous file of a draft when a new one replaces it", async () => {
    const { user, application } = await draftOf();
    const save = async (name: string) =>
      postForm(applicationRoute.action, { intent: "save", projectPdf: await pdfFile(name) }, { userId: user.id, params: { id: application.id } });
    await save("premier.pdf");
    const first = await prisma.attachment.findFirstOrThrow({ where: { applicationId: application.id } });
    await save("second.pdf");
    const second = await prisma.attachment.findFirstOrThrow({ where: { applicationId: application.id } });
    const files = await storedFiles();
    expect(files).toContain(second.storageKey);
    expect(files).not.toContain(first.storageKey);
  });

  it("sweeps half-written files and files no attachment refers to, once they are old enough", async () => {
    const { user, application } = await draftOf();
    await postForm(applicationRoute.action, { intent: "save", projectPdf: await pdfFile() }, { userId: user.id, params: { id: application.id } });
    const kept = await prisma.attachment.findFirstOrThrow({ where: { applicationId: application.id } });
    const dir = process.env.STORAGE_DIR!;
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    const names = {
      crashed: "00000000-0000-4000-8000-000000000001.pdf.part",
      orphan: "00000000-0000-4000-8000-000000000002.pdf",
      recent: "00000000-0000-4000-8000-000000000003.pdf.part",
    };
    for (const name of Object.values(names)) await writeFile(path.join(dir, name), "x");
    for (const name of [names.crashed, names.orphan, kept.storageKey]) await utimes(path.join(dir, name), old, old);

    const { removed } = await sweepOrphanUploads();
    const files = await storedFiles();
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(files).toContain(kept.storageKey);
    expect(files).toContain(names.recent);
    expect(files).not.toContain(names.crashed);
    expect(files).not.toContain(names.orphan);
  });
});
