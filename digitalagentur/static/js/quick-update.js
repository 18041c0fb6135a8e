/*
 * The dashboard's quick update of a town's part (staff/includes/my_parts.html): sends the form
 * in the background and says the result next to it, so the officer stays on the page. Without
 * this script the same form posts normally and the server leads back to the dashboard.
 */
(function () {
  "use strict";

  function say(form, text, isError) {
    var result = form.querySelector(".quick-result");
    result.textContent = text;
    result.classList.toggle("is-error", Boolean(isError));
  }

  function messages(errors) {
    var texts = [];
    Object.keys(errors || {}).forEach(function (name) {
      errors[name].forEach(function (error) {
        texts.push(error.message);
      });
    });
    return texts.join(" ");
  }

  function send(event) {
    var form = event.target;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(form, form.dataset.sending || "…", false);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          // A login page (session ended), a refusal or a CSRF page: the normal form post
          // shows it with its explanation.
          form.removeEventListener("submit", send);
          form.submit();
          return { ok: false, data: null };
        }
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        var data = answer.data;
        if (data === null) {
          return;
        }
        if (!answer.ok) {
          say(form, messages(data.errors), true);
          return;
        }
        form.querySelector("input[name=version]").value = data.version;
        form.querySelector("input[name=publish_update]").checked = false;
        say(
          form,
          data.message + " " + data.status_display + ", " + data.progress + " %. " +
            form.dataset.projectLabel + " " + data.project.status_display + ", " +
            data.project.progress + " %.",
          false
        );
      })
      .catch(function () {
        say(form, form.dataset.failed, true);
      })
      .then(function () {
        button.disabled = false;
      });
  }

  document.querySelectorAll("form[data-quick-update]").forEach(function (form) {
    form.addEventListener("submit", send);
  });
})();
