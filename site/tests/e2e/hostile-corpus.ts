/**
 * The hostile strings the browser tests type into the site: one corpus, shared by the forum's and
 * the page builder's hostile-input tests and by the reflow test (which takes its longest unbroken
 * strings as titles).
 */
/** Each way of sneaking script, markup or misleading text into a page, with a name for the failure message. */
export const FORUM_CORPUS: Record<string, string> = {
  scriptTag: '<script>window.__pwned = "script tag"</script>',
  scriptTagMixedCase: '<ScRiPt>window.__pwned = "mixed case"</sCrIpT>',
  imgOnerror: '<img src=x onerror="window.__pwned = \'img onerror\'">',
  eventHandlers: '<a href="#" onclick="window.__pwned=1" onmouseover="window.__pwned=1">hover</a> <div onfocus="window.__pwned=1" tabindex="0" autofocus>focus</div> <body onload="window.__pwned=1">',
  detailsOntoggle: '<details open ontoggle="window.__pwned=\'ontoggle\'"><summary>s</summary></details>',
  markdownJavascriptLink: '[markdown javascript link](javascript:window.__pwned=1)',
  markdownJavascriptEncoded: '[encoded javascript link](&#106;avascript:window.__pwned=1)',
  markdownJavascriptSpaced: '[spaced javascript link]( javascript:window.__pwned=1 )',
  markdownDataLink: '[markdown data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  markdownReferenceLink: '[reference javascript link][evil]\n\n[evil]: javascript:window.__pwned=1',
  markdownImage: '![markdown image](javascript:window.__pwned=1)',
  autolink: '<javascript:window.__pwned=1>',
  rawJavascriptLink: '<a href="javascript:window.__pwned=1">raw javascript link</a>',
  rawDataLink: '<a href="data:text/html,<script>window.__pwned=1</script>">raw data link</a>',
  svgScript: '<svg onload="window.__pwned=\'svg onload\'"><script>window.__pwned = "svg script"</script></svg>',
  svgInMarkdownImage: '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5fX3B3bmVkPTEiLz4=)',
  iframe: '<iframe src="javascript:window.__pwned=1"></iframe><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  styleAttribute: '<p style="background:url(javascript:window.__pwned=1)">styled</p>',
  formAction: '<form action="javascript:window.__pwned=1"><button>go</button></form>',
  bidiOverride: 'Invoice \u202Egpj.exe',
  bidiIsolates: 'Hello \u2066hidden\u2069 and \u202Aembedded\u202C text',
  safeLink: 'Read [the NHS website](https://www.nhs.uk/conditions/) for more.',
};

/** The page builder's: markup, a handler, svg and a direction override, alone and as Markdown. */
export const SCRIPT = '<script>window.__pwned = 1</script>';
export const IMG = '"><img src=x onerror="window.__pwned = 1">';
export const SVG = '<svg onload="window.__pwned = 1"><circle r="5"/></svg>';
export const RLO = '\u202Egnp.exe';
export const HANDLER = `' onmouseover='window.__pwned = 1`;
export const MARKDOWN = [
  SCRIPT,
  IMG,
  SVG,
  '[click me](javascript:window.__pwned=1)',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="javascript:window.__pwned=1">raw link</a>',
  '<iframe src="https://evil.example/"></iframe>',
  `<p style="x" onclick="window.__pwned=1">para</p> ${RLO}`,
].join('\n\n');

/**
 * The corpus's longest runs without a space (longest first), which a page must wrap rather than
 * widen itself for, cut to `max` characters (a title's limit).
 */
export function longestUnbroken(count: number, max: number): string[] {
  const runs = [...Object.values(FORUM_CORPUS), MARKDOWN, HANDLER].flatMap((text) => text.split(/\s+/)).map((run) => run.slice(0, max));
  return [...new Set(runs)].sort((a, b) => b.length - a.length).slice(0, count);
}
