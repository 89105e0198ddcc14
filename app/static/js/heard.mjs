// Start GOV.UK Frontend's components (error summary focus, character count, exclusive
// checkboxes), then Heard's own: each element with data-module="heard-…" gets the module of
// that name. Everything works without this file; it only enhances.
//
// Every module is imported from the address the page gives (with a hash of its content, see
// app/static_files.py), not from a fixed path: static files are cached for a year, so a
// fixed path would keep an old version after an upgrade. A page that uses no Heard module
// downloads none.
const script = document.querySelector("script[data-govuk-frontend]");

import(script.dataset.govukFrontend).then(({ initAll }) => initAll());

for (const element of document.querySelectorAll('[data-module^="heard-"]')) {
  // data-module="heard-read-aloud" → the script's data-heard-read-aloud → dataset.heardReadAloud
  const name = element.dataset.module.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
  const address = script.dataset[name];
  if (address) {
    import(address).then((module) => module.start(element));
  }
}
