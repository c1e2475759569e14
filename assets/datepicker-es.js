// Spanish for Dash's date pickers (dcc.DatePickerRange on /auditoria). Month and day names come
// from the date-fns Spanish locale (date-fns-locale-es.js, vendored); the picker's few buttons
// carry fixed English labels for screen readers, translated here as the picker draws them.
(function () {
  var TEXTOS = {
    "Clear date": "Borrar la fecha",
    "Clear Dates": "Borrar las fechas",
    "Close calendar": "Cerrar el calendario",
    "Next month": "Mes siguiente",
    "Previous month": "Mes anterior",
  };
  function traducir(raiz) {
    if (!raiz.querySelectorAll) {
      return;
    }
    raiz.querySelectorAll("[aria-label],[title]").forEach(function (el) {
      ["aria-label", "title"].forEach(function (atributo) {
        var valor = el.getAttribute(atributo);
        if (valor && TEXTOS[valor]) {
          el.setAttribute(atributo, TEXTOS[valor]);
        }
      });
    });
  }
  new MutationObserver(function (cambios) {
    cambios.forEach(function (cambio) {
      if (cambio.type === "attributes") {
        traducir(cambio.target.parentNode || cambio.target);
      } else {
        cambio.addedNodes.forEach(traducir);
      }
    });
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-label", "title"],
  });
})();
