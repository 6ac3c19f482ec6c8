/* Composes a report about one card (treatment id and KB version from the link) for the reader to copy. Nothing
 * is sent anywhere by this page. */
"use strict";
const params = new URLSearchParams(location.search);
const what = document.getElementById("what");
const report = document.getElementById("report");

function compose() {
  const id = params.get("treatment") || "(unknown)";
  report.value = [
    `Caveat card problem: ${id}`,
    `Entry file: annotator/kb/${id}.yaml`,
    `KB version: ${params.get("kb") || "(unknown)"}`,
    "",
    what.value.trim() || "(describe the problem above)",
  ].join("\n");
}

what.addEventListener("input", compose);
document.getElementById("copy").addEventListener("click", async () => {
  await navigator.clipboard.writeText(report.value).catch(() => report.select());
  document.getElementById("copied").textContent = "Copied.";
});
compose();
