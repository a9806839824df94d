/**
 * A file to download (trends CSVs, the security log, calendar files, your data). Each holds someone's data,
 * so no shared cache may keep it (nosniff, like every response, comes from withSecurityHeaders, and
 * would be sent twice if set here too); its name is what it holds, told
 * apart in a downloads folder. A name with characters a header cannot carry as they are (a team's name
 * with an accent or a quote) is sent both ways RFC 6266 allows: a plain fallback and the UTF-8 name.
 */
export function attachment(body: BodyInit, options: { type: string; fileName: string }): Response {
  return new Response(body, {
    headers: {
      "Content-Type": options.type,
      "Content-Disposition": contentDisposition(options.fileName),
      "Cache-Control": "private, no-store",
    },
  });
}

export function contentDisposition(fileName: string): string {
  const plain = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (plain === fileName) return `attachment; filename="${fileName}"`;
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
