import { z } from "zod";
import { email } from "~/schemas/auth";
import { text } from "~/schemas/fields";
import { organizationSchema } from "~/schemas/organization";

/** A record picked on the page; refused before any query when it could not be one (control characters, no value). */
const id = text({ max: 64, required: true });

export const updateOrganizationSchema = organizationSchema.extend({ intent: z.literal("update") });

export const inviteSchema = z.object({ intent: z.literal("invite"), email });

export const revokeInvitationSchema = z.object({ intent: z.literal("revokeInvitation"), invitationId: id });

export const MEMBER_ROLES = ["OWNER", "MEMBER"] as const;

export const setRoleSchema = z.object({
  intent: z.literal("setRole"),
  membershipId: id,
  role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: "required" }) }),
});

export const removeMemberSchema = z.object({ intent: z.literal("remove"), membershipId: id });

export const leaveSchema = z.object({ intent: z.literal("leave") });

export const answerRequestSchema = z.object({
  intent: z.literal("answerRequest"),
  requestId: id,
  answer: z.enum(["accept", "refuse"], { errorMap: () => ({ message: "required" }) }),
});

/** On the page of a person without an organisation: join one they were invited to, or ask to join the one holding their SIRET. */
export const acceptInvitationSchema = z.object({ intent: z.literal("acceptInvitation"), invitationId: id });

export const requestJoinSchema = z.object({ intent: z.literal("requestJoin"), siret: organizationSchema.shape.siret });
