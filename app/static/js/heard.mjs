// Start GOV.UK Frontend's components (error summary focus, character count, exclusive
// checkboxes). Everything works without this file; it only enhances.
//
// GOV.UK Frontend is imported from the address the page gives (with a hash of its content,
// see app/static_files.py), not from a fixed path: static files are cached for a year, so a
// fixed path would keep an old version after an upgrade.
const script = document.querySelector("script[data-govuk-frontend]");

import(script.dataset.govukFrontend).then(({ initAll }) => initAll());
