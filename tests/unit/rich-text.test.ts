import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/domain/rich-text";

describe("renderMarkdown", () => {
  it("renders headings below the page's own, paragraphs and lists", () => {
    const html = renderMarkdown("## Qui peut candidater ?\r\n\r\nToute grappe *immatriculée* en France.\n\n- une PME\n- deux PME");
    expect(html).toBe(
      "<h3>Qui peut candidater ?</h3>\n<p>Toute grappe <em>immatriculée</em> en France.</p>\n<ul>\n<li>une PME</li>\n<li>deux PME</li>\n</ul>",
    );
  });

  it("never passes HTML or a script link through", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nTexte <h1 onclick="x">t</h1>\n\n[lien](javascript:alert(1)) ![i](data:text/html,x)');
    expect(html).not.toMatch(/<script|<h1|onclick="|href="javascript|src="data/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="">lien</a>');
  });

  it("keeps headings between the page's section level and level 6", () => {
    expect(renderMarkdown("# Grand titre")).toBe("<h3>Grand titre</h3>");
    expect(renderMarkdown("### Sous-section")).toBe("<h4>Sous-section</h4>");
    expect(renderMarkdown("###### Petit titre")).toBe("<h6>Petit titre</h6>");
  });
});
