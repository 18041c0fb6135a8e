/*
 * Progressive enhancement of <details class="disclosure disclosure-wide"> (main navigation,
 * staff menu, filter forms): open on wide screens, where site.css hides their summary, and
 * back to the state the server rendered on small screens. Every page works without this
 * script; it only keeps the open state that assistive technology reports in step with what
 * is shown, and opens the disclosures in browsers without ::details-content.
 */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 48.0625rem)");
  var disclosures = document.querySelectorAll("details.disclosure-wide");

  function sync() {
    disclosures.forEach(function (details) {
      if (wide.matches) {
        details.open = true;
      } else {
        details.open = details.dataset.initiallyOpen === "true";
      }
    });
  }

  disclosures.forEach(function (details) {
    details.dataset.initiallyOpen = details.open ? "true" : "false";
    details.classList.add("is-enhanced");
  });
  sync();
  if (wide.addEventListener) {
    wide.addEventListener("change", sync);
  }
})();
