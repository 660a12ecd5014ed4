// Copy the page's third-party files from node_modules into ../static/vendor, with their licences.
// Run after `npm ci` here (or `make assets`); the copied files are committed so that installing
// khabar needs no npm and the page loads nothing from any other host.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.KHABAR_NODE_MODULES || join(here, "node_modules");
const vendor = join(here, "..", "static", "vendor");
mkdirSync(vendor, { recursive: true });

const files = [
  ["d3-array", "dist/d3-array.min.js"],
  ["d3-geo", "dist/d3-geo.min.js"],
  ["topojson-client", "dist/topojson-client.min.js"],
  ["world-atlas", "countries-110m.json"],
  ["swagger-ui-dist", "swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css"],
];
const versions = {};
for (const [pkg, file] of files) {
  const name = file.split("/").pop();
  copyFileSync(join(modules, pkg, file), join(vendor, name));
  copyFileSync(join(modules, pkg, "LICENSE"), join(vendor, `LICENSE-${pkg}.txt`));
  if (existsSync(join(modules, pkg, "NOTICE"))) copyFileSync(join(modules, pkg, "NOTICE"), join(vendor, `NOTICE-${pkg}.txt`));
  versions[pkg] = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
}
writeFileSync(join(vendor, "versions.json"), JSON.stringify(versions, null, 2) + "\n");
console.error(`copied ${files.length} files into ${vendor}:`, versions);
