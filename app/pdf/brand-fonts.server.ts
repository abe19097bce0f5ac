import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export type BrandFontStyle = "regular" | "bold" | "italic";

const SOURCES: Record<BrandFontStyle, string> = {
  regular: "Marianne-Regular",
  bold: "Marianne-Bold",
  italic: "Marianne-Regular_Italic",
};

const require = createRequire(import.meta.url);

/**
 * Marianne ships with the design system as WOFF2 only (for browsers). fontkit subsets its CFF
 * outlines into a font file that PDF readers reject, so each face is decoded once and rewritten
 * with TrueType outlines, which fontkit subsets cleanly. The result is kept beside the installed
 * packages, keyed on the design system's version: later processes read it in a millisecond
 * instead of spending a second or so converting.
 */
async function convert(): Promise<Record<BrandFontStyle, Uint8Array>> {
  const dsfrDir = path.dirname(require.resolve("@gouvfr/dsfr/package.json"));
  const { version } = JSON.parse(await readFile(path.join(dsfrDir, "package.json"), "utf8")) as { version: string };
  const cacheDir = path.join(dsfrDir, "..", "..", ".cache", "laureat-fonts", version);
  const fonts = {} as Record<BrandFontStyle, Uint8Array>;
  const missing: BrandFontStyle[] = [];
  for (const style of Object.keys(SOURCES) as BrandFontStyle[]) {
    try {
      fonts[style] = new Uint8Array(await readFile(path.join(cacheDir, `${SOURCES[style]}.ttf`)));
    } catch {
      missing.push(style);
    }
  }
  if (!missing.length) return fonts;

  // Loaded only when converting: the WOFF2 decoder is a WebAssembly module not needed otherwise.
  const { Font, woff2 } = await import("fonteditor-core");
  await woff2.init();
  await mkdir(cacheDir, { recursive: true });
  for (const style of missing) {
    const otf = woff2.decode(await readFile(path.join(dsfrDir, "dist", "fonts", `${SOURCES[style]}.woff2`)));
    const ttf = Font.create(Buffer.from(otf), { type: "otf", kerning: true }).write({ type: "ttf", kerning: true });
    fonts[style] = new Uint8Array(ttf as ArrayBuffer);
    // Written aside then renamed, so a process reading the cache never sees half a file.
    const target = path.join(cacheDir, `${SOURCES[style]}.ttf`);
    const partial = `${target}.${process.pid}.tmp`;
    await writeFile(partial, fonts[style]);
    await rename(partial, target);
  }
  return fonts;
}

let loading: Promise<Record<BrandFontStyle, Uint8Array>> | undefined;

/** The design system's typeface as TrueType files that pdf-lib embeds and subsets. */
export function brandFonts(): Promise<Record<BrandFontStyle, Uint8Array>> {
  loading ??= convert().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
