// AG Grid cell renderers of SIGPRET (dash-ag-grid reads window.dashAgGridComponentFunctions).
// Texts and colours come from the row data and the generated .estado-* classes, defined once in
// dashboard/formatting.py: this file only arranges them.
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

// Traffic-light cell: icon + Spanish word on the state's colour (never colour alone).
dagcomponentfuncs.SemaforoCelda = function (props) {
  var fila = props.data || {};
  if (!fila.semaforo) {
    return "—";
  }
  return React.createElement(
    "span",
    {
      className: "estado-insignia " + fila.semaforo_clase,
      title: fila.semaforo_significado,
      "data-estado": fila.semaforo,
    },
    React.createElement(
      "span",
      { className: "estado-icono", "aria-hidden": "true" },
      fila.semaforo_icono
    ),
    fila.semaforo_etiqueta
  );
};
