// select2 (the admin's autocomplete) adds a search box without a label:
// give it the label of the field it belongs to.
"use strict";
{
  function labelSearchBoxes() {
    for (const select of document.querySelectorAll("select.admin-autocomplete")) {
      const label = select.id && document.querySelector(`label[for="${select.id}"]`);
      const box = select.nextElementSibling && select.nextElementSibling.querySelector(".select2-search__field");
      if (label && box && !box.hasAttribute("aria-label")) {
        box.setAttribute("aria-label", label.textContent.replace(/\s*:\s*$/, "").trim());
      }
    }
  }
  // After the admin's own ready handlers, which create the select2 boxes (this script is deferred).
  if (window.django && window.django.jQuery) {
    window.django.jQuery(labelSearchBoxes);
  } else {
    window.addEventListener("load", labelSearchBoxes);
  }
  document.addEventListener("formset:added", labelSearchBoxes);
}
