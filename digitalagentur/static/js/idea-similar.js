/*
 * Similar ideas while typing the title of a new idea (issue 12): asks
 * /ideen/aehnliche/?title=… (JSON) a moment after the typing stops and lists the public ideas
 * found, as links, below the title. The form works the same without this script: the server
 * then shows the similar ideas after the first sending. Once the suggestions for the title as
 * sent were shown here, the form's `similar_seen` field tells the server not to show them again.
 */
(function () {
  "use strict";
  var box = document.getElementById("idea-live-similar");
  var title = document.getElementById("id_title");
  var seen = document.querySelector("input[name='similar_seen']");
  if (!box || !title || !window.fetch) {
    return;
  }
  var list = box.querySelector("ul");
  var url = box.dataset.url;
  var timer = null;
  var asked = "";

  function show(ideas) {
    list.textContent = "";
    ideas.forEach(function (idea) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = idea.url;
      link.textContent = idea.title;
      var status = document.createElement("span");
      status.className = "meta";
      status.textContent = " (" + idea.status + ")";
      item.appendChild(link);
      item.appendChild(status);
      list.appendChild(item);
    });
    box.hidden = ideas.length === 0;
  }

  function ask() {
    var value = title.value.trim();
    if (value === asked) {
      return;
    }
    asked = value;
    if (value.length < 3) {
      show([]);
      return;
    }
    fetch(url + "?title=" + encodeURIComponent(value), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.json() : { ideas: [] };
      })
      .then(function (data) {
        if (title.value.trim() !== value) {
          return; // typed on meanwhile: a newer answer follows
        }
        show(data.ideas || []);
        if (seen) {
          seen.value = "1";
        }
      })
      .catch(function () {
        /* no suggestions: the server shows them after sending */
      });
  }

  title.addEventListener("input", function () {
    if (seen) {
      seen.value = "";
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 400);
  });
  if (title.value.trim()) {
    ask();
  }
})();
