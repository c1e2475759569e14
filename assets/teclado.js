// Keyboard use of the AG Grid link cells (EnlaceCelda, EnlacesCelda in
// dashAgGridComponentFunctions.js): the grid keeps keyboard focus on the cell, not on the link
// inside it, so Enter on a focused cell with a link follows the link as a click would (inside
// the app, without reloading). A cell with several links follows the first one; Ctrl/Cmd+Enter
// opens it in a new tab, as Ctrl/Cmd-click does.
document.addEventListener(
  "keydown",
  function (evento) {
    if (evento.key !== "Enter" || evento.altKey || evento.isComposing) {
      return;
    }
    var celda = evento.target;
    if (!celda || !celda.classList || !celda.classList.contains("ag-cell")) {
      return;
    }
    var enlace = celda.querySelector("a.celda-enlace[href]");
    if (!enlace) {
      return;
    }
    evento.preventDefault();
    evento.stopPropagation();
    if (evento.ctrlKey || evento.metaKey) {
      window.open(enlace.href, "_blank", "noopener");
      return;
    }
    enlace.click();
  },
  true
);
