// AG Grid cell renderers of the review queue (/validacion). Texts come from the row data (built
// in data_layer/vistas/validacion.py); React renders them as text, never as HTML.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

// Review flags as badges; «Sin banderas» when none (never colour alone: each badge has a word).
dagcomponentfuncs.BanderasCelda = function (props) {
  var fila = props.data || {};
  var banderas = fila.banderas || [];
  var etiquetas = fila.banderas_etiquetas || [];
  // A correction of a validated value is always reviewed one by one: say so first.
  var correccion = fila.correccion
    ? [React.createElement(
        "span",
        { key: "correccion", className: "badge text-bg-info me-1 validacion-bandera", "data-bandera": "correccion" },
        "Corrección"
      )]
    : [];
  if (!banderas.length && !correccion.length) {
    return React.createElement("span", { className: "badge bg-success validacion-bandera" }, "Sin banderas");
  }
  return React.createElement(
    "span",
    null,
    correccion.concat(banderas.map(function (b, i) {
      return React.createElement(
        "span",
        { key: b, className: "badge text-bg-warning me-1 validacion-bandera", "data-bandera": b },
        etiquetas[i] || b
      );
    }))
  );
};

// Evidence: an external link (or the download route of an uploaded file), opened in a new tab.
dagcomponentfuncs.EvidenciaCelda = function (props) {
  var fila = props.data || {};
  if (!fila.evidencia_href) {
    return React.createElement("span", { className: "text-muted" }, "—");
  }
  return React.createElement(
    "a",
    { href: fila.evidencia_href, target: "_blank", rel: "noopener noreferrer", className: "celda-enlace" },
    String(fila.evidencia || "Enlace")
  );
};
