// The one script of the page: tell the user that a long document is being checked.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.checkform").forEach(function (form) {
    form.addEventListener("submit", function () {
      var busy = form.querySelector(".busy");
      if (busy) { busy.textContent = form.getAttribute("data-busy") || "Working…"; }
      form.setAttribute("aria-busy", "true");
    });
  });
});
