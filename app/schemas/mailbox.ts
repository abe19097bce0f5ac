import { z } from "zod";

/** Staff put a message that failed for good back in the outbox. */
export const resendEmailSchema = z.object({ intent: z.literal("resend") });
