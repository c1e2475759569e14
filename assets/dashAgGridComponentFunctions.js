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

// Link cell: the text of the field, linking to `<field>_href` from the row data. Navigation stays
// inside the single-page app (as dcc.Link does); Ctrl/Cmd-click or middle-click opens a new tab.
dagcomponentfuncs.EnlaceCelda = function (props) {
  if (!props.data) {
    return ""; // a row of a grid served in blocks whose block has not arrived yet
  }
  var fila = props.data;
  var href = fila[props.colDef.field + "_href"];
  var texto = props.valueFormatted != null ? props.valueFormatted : props.value;
  if (!href || texto == null) {
    return texto == null ? "—" : String(texto);
  }
  return React.createElement(
    "a",
    {
      href: href,
      className: "celda-enlace",
      onClick: function (evento) {
        if (evento.ctrlKey || evento.metaKey || evento.shiftKey || evento.button !== 0) {
          return;
        }
        evento.preventDefault();
        window.history.pushState({}, "", href);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
      },
    },
    String(texto)
  );
};

// Alert severity cell: icon + Spanish word on the severity's colour (never colour alone).
var ICONOS_SEVERIDAD = { alta: "‼", media: "!", baja: "i" };
dagcomponentfuncs.SeveridadCelda = function (props) {
  if (!props.data) {
    // The alert centre's grid is served in blocks: this row's block is on its way.
    return React.createElement("span", { className: "celda-cargando" }, "Cargando…");
  }
  var fila = props.data;
  if (!fila.severidad) {
    return "—";
  }
  return React.createElement(
    "span",
    {
      className: "severidad severidad-" + fila.severidad,
      "data-severidad": fila.severidad,
    },
    React.createElement(
      "span",
      { className: "severidad-icono", "aria-hidden": "true" },
      ICONOS_SEVERIDAD[fila.severidad] || ""
    ),
    fila.severidad_texto
  );
};

// A list of links (`<field>_enlaces`: [{texto, href}] from the row data), rendered as text by
// React (never as Markdown or HTML), navigating inside the app like EnlaceCelda.
dagcomponentfuncs.EnlacesCelda = function (props) {
  var enlaces = (props.data || {})[props.colDef.field + "_enlaces"] || [];
  if (!enlaces.length) {
    return "—";
  }
  return React.createElement(
    "span",
    null,
    enlaces.map(function (enlace, i) {
      return React.createElement(
        "a",
        {
          key: i,
          href: enlace.href,
          className: "celda-enlace me-2",
          onClick: function (evento) {
            if (evento.ctrlKey || evento.metaKey || evento.shiftKey || evento.button !== 0) {
              return;
            }
            evento.preventDefault();
            window.history.pushState({}, "", enlace.href);
            window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
            window.scrollTo(0, 0);
          },
        },
        String(enlace.texto)
      );
    })
  );
};
