// Start GOV.UK Frontend's components (error summary focus, character count, exclusive
// checkboxes). Everything works without this file; it only enhances.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
