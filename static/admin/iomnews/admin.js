// select2 (the admin's autocomplete) adds a search box, and a combobox that is named by
// its chosen value only (an empty field leaves it nameless): give both the label of the
// field they belong to.
"use strict";
{
  function labelSelect2() {
    for (const select of document.querySelectorAll("select.admin-autocomplete")) {
      const label = select.id && document.querySelector(`label[for="${select.id}"]`);
      const widget = select.nextElementSibling;
      if (!label || !widget) {
        continue;
      }
      const name = label.textContent.replace(/\s*:\s*$/, "").trim();
      for (const part of widget.querySelectorAll(".select2-search__field, .select2-selection, .select2-selection__rendered")) {
        if (!part.hasAttribute("aria-label")) {
          part.setAttribute("aria-label", name);
        }
      }
    }
  }
  // After the admin's own ready handlers, which create the select2 boxes (this script is deferred).
  if (window.django && window.django.jQuery) {
    window.django.jQuery(labelSelect2);
  } else {
    window.addEventListener("load", labelSelect2);
  }
  document.addEventListener("formset:added", labelSelect2);
}
