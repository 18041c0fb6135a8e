/*
 * "Kopieren" next to a read-only text (staff/news/social.html): the buttons are hidden in the
 * page and shown only by this script, so without it the page offers the texts to select and
 * copy by hand; with it one press copies the whole text and says so in the status next to it.
 */
(function () {
  "use strict";

  function say(button, ok) {
    var result = button.parentNode.querySelector(".copy-result");
    if (result) {
      result.textContent = ok ? result.dataset.copied : result.dataset.failed;
    }
  }

  function copyByHand(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(event) {
    var button = event.currentTarget;
    var field = document.getElementById(button.dataset.copy);
    if (!field) {
      return;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () {
          say(button, true);
        },
        function () {
          say(button, copyByHand(field));
        }
      );
    } else {
      say(button, copyByHand(field));
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", copy);
  });
})();
