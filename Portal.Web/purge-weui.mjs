// Keeps only the WeUI rules the H5 pages use, so a follower on a slow network downloads a few kilobytes
// of CSS instead of WeUI's whole 180 KB before the first paint. Run by the build (Portal.Web.csproj).
import { PurgeCSS } from "purgecss";
import { writeFileSync, mkdirSync } from "node:fs";

const [result] = await new PurgeCSS().purge({
  content: ["Pages/**/*.cshtml", "wwwroot/h5/**/*.js"],
  css: ["node_modules/weui/dist/style/weui.min.css"],
  // WeUI's colours live in custom properties on the root and in theme attributes.
  safelist: { standard: [/^weui-btn_disabled$/], greedy: [/data-weui-theme/] },
  variables: false,
  keyframes: true,
  fontFace: true,
});
mkdirSync("wwwroot/lib/weui", { recursive: true });
writeFileSync("wwwroot/lib/weui/weui.min.css", result.css);
console.log(`weui: kept ${result.css.length} of the stylesheet's bytes`);
