// `npm run bench`: runs every benchmark file in turn (each prints its own table with ratios).
// Pass names to run a subset: `npm run bench -- kernels`.
const all = ["kernels", "qr", "nonlinear", "nn"] as const;
const wanted = process.argv.slice(2);
for (const name of all) {
  if (wanted.length && !wanted.includes(name)) continue;
  try {
    await import(`./${name}.js`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") continue;
    throw e;
  }
}
export {};
