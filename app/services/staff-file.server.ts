import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";

/** An instant as the app sends it to pages: ISO 8601 in UTC (columns hold UTC without a zone). */
const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface StaffFile {
  id: string;
  status: string;
  projectTitle: string;
  summary: string;
  requestedCents: number | null;
  receiptNumber: string | null;
  submittedAt: string | null;
  eligibilityNote: string | null;
  notifiedAt: string | null;
  decisionVersion: number;
  organization: { legalName: string; siret: string; city: string; region: string; sector: string; membersCount: number };
  call: {
    id: string;
    title: string;
    minGrantCents: number;
    maxGrantCents: number;
    criteria: { id: string; label: string; weight: number; scaleMax: number; threshold: number | null }[];
  };
  attachments: { id: string; filename: string; sizeBytes: number }[];
  assignments: {
    id: string;
    status: string;
    dueAt: string | null;
    reviewer: { id: string; name: string };
    review: {
      id: string;
      status: string;
      recommendation: string | null;
      overallComment: string;
      scores: { criterionId: string; score: number; comment: string }[];
    } | null;
  }[];
  conflicts: { id: string; reviewerId: string; reason: string; source: string; reviewer: { name: string } }[];
  decision: { id: string; outcome: string; awardedCents: number | null; motivation: string; committeeDate: string; rank: number | null } | null;
  letters: { id: string; reference: string; issuedAt: string; sha256: string }[];
}

/**
 * Everything the staff page of a file shows, in one statement: read through Prisma's relations,
 * the file, its call, reviews, scores, conflicts and letters take a dozen round trips.
 */
export async function loadStaffFile(id: string): Promise<StaffFile | null> {
  const [row] = await prisma.$queryRaw<{ file: string }[]>`
    SELECT json_build_object(
      'id', a."id", 'status', a."status", 'projectTitle', a."projectTitle", 'summary', a."summary",
      'requestedCents', a."requestedCents", 'receiptNumber', a."receiptNumber", 'submittedAt', ${iso(Prisma.sql`a."submittedAt"`)},
      'eligibilityNote', a."eligibilityNote", 'notifiedAt', ${iso(Prisma.sql`a."notifiedAt"`)}, 'decisionVersion', a."decisionVersion",
      'organization', json_build_object('legalName', o."legalName", 'siret', o."siret", 'city', o."city", 'region', o."region",
        'sector', o."sector", 'membersCount', o."membersCount"),
      'call', json_build_object('id', c."id", 'title', c."title", 'minGrantCents', c."minGrantCents", 'maxGrantCents', c."maxGrantCents",
        'criteria', (SELECT COALESCE(json_agg(json_build_object('id', k."id", 'label', k."label", 'weight', k."weight",
            'scaleMax', k."scaleMax", 'threshold', k."threshold") ORDER BY k."position"), '[]'::json)
          FROM "Criterion" k WHERE k."callId" = c."id")),
      'attachments', (SELECT COALESCE(json_agg(json_build_object('id', t."id", 'filename', t."filename", 'sizeBytes', t."sizeBytes")
          ORDER BY t."createdAt", t."id"), '[]'::json)
        FROM "Attachment" t WHERE t."applicationId" = a."id"),
      'assignments', (SELECT COALESCE(json_agg(json_build_object('id', s."id", 'status', s."status", 'dueAt', ${iso(Prisma.sql`s."dueAt"`)},
            'reviewer', json_build_object('id', u."id", 'name', u."name"),
            'review', (SELECT json_build_object('id', r."id", 'status', r."status", 'recommendation', r."recommendation",
                'overallComment', r."overallComment",
                'scores', (SELECT COALESCE(json_agg(json_build_object('criterionId', x."criterionId", 'score', x."score", 'comment', x."comment")), '[]'::json)
                  FROM "ReviewScore" x WHERE x."reviewId" = r."id"))
              FROM "Review" r WHERE r."assignmentId" = s."id"))
          ORDER BY s."createdAt", s."id"), '[]'::json)
        FROM "Assignment" s JOIN "User" u ON u."id" = s."reviewerId" WHERE s."applicationId" = a."id"),
      'conflicts', (SELECT COALESCE(json_agg(json_build_object('id', f."id", 'reviewerId', f."reviewerId", 'reason', f."reason",
            'source', f."source", 'reviewer', json_build_object('name', u."name")) ORDER BY f."createdAt", f."id"), '[]'::json)
        FROM "Conflict" f JOIN "User" u ON u."id" = f."reviewerId" WHERE f."applicationId" = a."id"),
      'decision', (SELECT json_build_object('id', d."id", 'outcome', d."outcome", 'awardedCents', d."awardedCents", 'motivation', d."motivation",
          'committeeDate', ${iso(Prisma.sql`d."committeeDate"`)}, 'rank', d."rank")
        FROM "Decision" d WHERE d."applicationId" = a."id"),
      'letters', (SELECT COALESCE(json_agg(json_build_object('id', l."id", 'reference', l."reference", 'issuedAt', ${iso(Prisma.sql`l."issuedAt"`)},
          'sha256', l."sha256") ORDER BY l."issuedAt" DESC), '[]'::json)
        FROM "Letter" l WHERE l."applicationId" = a."id")
    )::text AS file
    FROM "Application" a
    JOIN "Organization" o ON o."id" = a."organizationId"
    JOIN "Call" c ON c."id" = a."callId"
    WHERE a."id" = ${id}`;
  return row ? (JSON.parse(row.file) as StaffFile) : null;
}

/** The records whose audit chains make up a file's history: the file and what hangs off it. */
export function historyRecordsOf(file: StaffFile): string[] {
  return [
    file.id,
    ...file.assignments.flatMap((a) => [a.id, ...(a.review ? [a.review.id] : [])]),
    ...file.conflicts.map((c) => c.id),
    ...(file.decision ? [file.decision.id] : []),
    ...file.letters.map((l) => l.id),
  ];
}
