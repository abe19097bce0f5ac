/**
 * A rule of the domain said no. `key` is an i18n key under `errors.` so every layer can show
 * the reason in the person's language; `field` ties it to a form field when there is one, and
 * `fields` lists every field at fault when the refusal has several causes.
 */
export class DomainError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
    readonly status = 400,
    readonly fields: Record<string, string> = {},
  ) {
    super(key);
    this.name = "DomainError";
  }
}
