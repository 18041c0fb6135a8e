/*
 * Progress of a status report generated in the background (staff/reports/detail.html): while
 * the page shows [data-report-progress], fetch the page again every few seconds, update the
 * progress bar and the status line, and reload once the generation has finished. Without this
 * script the page offers a link to reload it.
 */
(function () {
  "use strict";
  var panel = document.querySelector("[data-report-progress]");
  if (!panel || !window.fetch || !window.DOMParser) {
    return;
  }
  var url = panel.getAttribute("data-report-progress");
  var interval = 2500;
  var attempts = 0;
  var maxAttempts = 240; // ten minutes; then the page stays as it is

  function poll() {
    attempts += 1;
    if (attempts > maxAttempts) {
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        // 503: the brochure's job failed or is stuck; its page says so (reload below).
        if (!response.ok && response.status !== 503) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("[data-report-progress]");
        if (!fresh) {
          window.location.reload();
          return;
        }
        var bar = panel.querySelector("progress");
        var freshBar = fresh.querySelector("progress");
        if (bar && freshBar) {
          bar.value = freshBar.value;
          bar.textContent = freshBar.textContent;
        }
        var status = panel.querySelector("[role=status]");
        var freshStatus = fresh.querySelector("[role=status]");
        if (status && freshStatus && status.textContent !== freshStatus.textContent) {
          status.textContent = freshStatus.textContent;
        }
        window.setTimeout(poll, interval);
      })
      .catch(function () {
        window.setTimeout(poll, interval * 4);
      });
  }

  window.setTimeout(poll, interval);
})();
