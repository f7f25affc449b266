/* Keyboard shortcuts for the moderation queue (documented on the page under "Keyboard shortcuts").
   The page works without this file: it only sets the same radio buttons a person would. */
(function () {
  "use strict";
  var form = document.getElementById("decisions");
  if (!form) { return; }
  var items = Array.prototype.slice.call(form.querySelectorAll(".queue__item"));
  var live = document.getElementById("queue-live");
  var current = 0;

  function show(index, moveFocus) {
    if (!items.length) { return; }
    current = Math.max(0, Math.min(index, items.length - 1));
    items.forEach(function (item, i) { item.classList.toggle("queue__item--current", i === current); });
    if (moveFocus) {
      var checked = items[current].querySelector("input[type=radio]:checked");
      (checked || items[current].querySelector("input[type=radio]")).focus();
    }
  }

  function choose(value, words) {
    var item = items[current];
    var radio = item.querySelector("input[type=radio][value='" + value + "']");
    radio.checked = true;
    if (live) { live.textContent = words + ": item " + (current + 1) + " of " + items.length + "."; }
    if (current < items.length - 1) { show(current + 1, true); }
    else { document.getElementById("save-decisions").focus(); }
  }

  form.addEventListener("focusin", function (event) {
    var item = event.target.closest ? event.target.closest(".queue__item") : null;
    if (item) { show(items.indexOf(item), false); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && target.type !== "radio" &&
        target.type !== "checkbox") || (target && target.isContentEditable)) { return; }
    var key = event.key.toLowerCase();
    var handled = true;
    if (key === "a") { choose("approve", "Approve"); }
    else if (key === "h") { choose("hide", "Hide"); }
    else if (key === "l") { choose("", "Decide later"); }
    else if (key === "j") { show(current + 1, true); }
    else if (key === "k") { show(current - 1, true); }
    else if (key === "e") { window.location.href = items[current].querySelector("[data-edit]").href; }
    else if (key === "s") { form.requestSubmit ? form.requestSubmit() : form.submit(); }
    else { handled = false; }
    if (handled) { event.preventDefault(); }
  });

  show(0, false);
}());
