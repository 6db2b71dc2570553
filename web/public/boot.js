// Runs before the first paint (a classic script, not inline, so a strict CSP can allow it): applies the
// stored theme and intro choice so the page does not flash or shift when the module script starts.
(function () {
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem("academichub.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    if (localStorage.getItem("academichub.intro") === "closed") root.setAttribute("data-intro", "closed");
    var lang = localStorage.getItem("academichub.lang");
    if (lang !== "zh" && lang !== "en") lang = /^zh/i.test(navigator.language || "") ? "zh" : "en";
    root.setAttribute("lang", lang === "zh" ? "zh-CN" : "en");
  } catch (e) {
    /* storage disabled: defaults apply */
  }
})();
