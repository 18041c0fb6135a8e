/*
 * Landräume search: the found spaces on a map (Leaflet from static/vendor/leaflet/).
 * The markers come from the JSON element #space-markers (Django's json_script), the tiles
 * from the server named in the map's data-tile-url with its data-attribution. The list on
 * the page shows the same spaces, so without JavaScript (or without tiles) nothing is lost:
 * the map stays hidden.
 */
(function () {
  "use strict";

  function popup(marker) {
    var box = document.createElement("div");
    box.className = "space-map-popup";
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name;
    box.appendChild(link);
    var meta = document.createElement("div");
    meta.textContent = marker.kind + ", " + marker.town;
    box.appendChild(meta);
    return box;
  }

  function init() {
    var container = document.getElementById("space-map");
    var data = document.getElementById("space-markers");
    if (!container || !data || typeof window.L === "undefined") {
      return;
    }
    var markers;
    try {
      markers = JSON.parse(data.textContent);
    } catch (error) {
      return;
    }
    if (!markers.length) {
      return;
    }
    container.hidden = false;
    var note = document.querySelector(".space-map-note");
    if (note) {
      note.hidden = false;
    }
    var L = window.L;
    var map = L.map(container, { scrollWheelZoom: false, zoomControl: false });
    // The zoom buttons' names come translated from the page.
    L.control
      .zoom({
        zoomInTitle: container.dataset.zoomIn || "+",
        zoomOutTitle: container.dataset.zoomOut || "-",
      })
      .addTo(map);
    L.tileLayer(container.dataset.tileUrl, {
      maxZoom: 18,
      attribution: "",
    }).addTo(map);
    // The attribution as text (never as HTML from a setting).
    var attribution = container.dataset.attribution || "";
    if (attribution) {
      var span = document.createElement("span");
      span.textContent = attribution;
      map.attributionControl.addAttribution(span.outerHTML);
    }
    var bounds = [];
    markers.forEach(function (marker) {
      var point = [marker.lat, marker.lng];
      bounds.push(point);
      L.marker(point, { title: marker.name, alt: marker.name, keyboard: true })
        .bindPopup(popup(marker))
        .addTo(map);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    } else {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
