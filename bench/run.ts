// `npm run bench`: runs every benchmark file in turn (each prints its own table with the peers
// measured in the same run and the ratios). Pass names to run a subset: `npm run bench -- kernels qr`.
const all = ["kernels", "qr", "nonlinear", "expression", "nn"];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from: ${all.join(", ")}`);
  process.exit(2);
}
for (const name of all) {
  if (wanted.length && !wanted.includes(name)) continue;
  await import(`./${name}.js`);
}
export {};
