"""Hand-written text of the demo MCR: ejes, sectores, goals and indicators (read by generate_demo).

Indicator specs are compact strings ``nombre|unidad|sentido|tipo|base|meta[|eslabon][|fuente]``:
sentido ``A`` ascendente / ``D`` descendente; tipo ``F`` flujo / ``C`` acumulado / ``S`` stock;
``base`` and ``meta`` are the baseline and the 2026 goal (for flujo/acumulado: amounts per YEAR,
the generator splits them per period); eslabon letter ``n`` insumo, ``a`` actividad,
``p`` producto, ``r`` resultado, ``i`` impacto (default: resultado for sectorial goals, producto
for institutional ones). Numbers are plausible orders of magnitude, not official figures, except
the real series of ``/work/shared/data/series_reales_hn.csv`` used by the presidential goals.
"""

from __future__ import annotations

from dataclasses import dataclass

EJES: tuple[tuple[str, str, str], ...] = (
    ("E1", "Derechos Fundamentales, Gobernabilidad y Democracia Participativa", ""),
    ("E2", "Crecimiento Inclusivo y Sostenible", ""),
    ("E2-ECO", "Crecimiento Inclusivo y Sostenible: dimensión Económica", "E2"),
    ("E2-SOC", "Crecimiento Inclusivo y Sostenible: dimensión Social", "E2"),
    ("E3", "Equidad de Género, Ciencia y Tecnología y Cultura", ""),
    ("E4", "Paz y Seguridad Ciudadana", ""),
)

#: (codigo, nombre, ejes, institucion_rectora), in the order of DOMAIN.md §2.
SECTORES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("DDHH", "Derechos Humanos", ("E1",), "SEDH"),
    ("GOB", "Gobernabilidad", ("E1",), "SGJD"),
    ("MIG", "Migración", ("E1",), "SRECI"),
    ("TAI", "Transparencia, Anticorrupción e Integridad", ("E1",), "STLCC"),
    ("AGRO", "Agropecuario y Seguridad Alimentaria", ("E2-ECO",), "SAG"),
    ("ENE", "Energía", ("E2-ECO",), "SEN"),
    ("IYC", "Industria y Comercio", ("E2-ECO",), "SDE"),
    ("MACRO", "Macroeconómico", ("E2-ECO",), "SEFIN"),
    ("MLPS", "Mercado Laboral y Protección Social", ("E2-ECO", "E2-SOC"), "STSS"),
    ("RNACC", "Recursos Naturales, Ambiente y Cambio Climático", ("E2-ECO",), "SERNA"),
    ("TEL", "Telecomunicaciones", ("E2-ECO",), "CONATEL"),
    ("TUR", "Turismo", ("E2-ECO",), "IHT"),
    ("AYS", "Agua y Saneamiento", ("E2-SOC",), "SEDECOAS"),
    ("EDU", "Educación", ("E2-SOC",), "SEDUC"),
    ("GR", "Gestión de Riesgos", ("E2-SOC",), "COPECO"),
    ("IT", "Infraestructura y Transporte", ("E2-SOC",), "SIT"),
    ("SAL", "Salud", ("E2-SOC",), "SESAL"),
    ("VIV", "Vivienda", ("E2-SOC",), "CONVIVIENDA"),
    ("CTI", "Ciencia, Tecnología e Innovación", ("E3",), "SENACIT"),
    ("CAD", "Cultura, Artes y Deportes", ("E3",), "SECAPPH"),
    ("GEN", "Género", ("E3",), "SEMUJER"),
    ("DYS", "Defensa y Seguridad", ("E4",), "SEDS"),
)

#: Second (and third) mesas of some institutions; the first sector is always their own.
OTRAS_MESAS: dict[str, tuple[str, ...]] = {
    "SEFIN": ("TAI",),
    "SDP": ("TAI",),
    "SGJD": ("DDHH",),
    "SENAF": ("GEN",),
    "SRECI": ("IYC",),
    "SEDESOL": ("GEN",),
    "STSS": ("MIG",),
    "SAG": ("RNACC",),
    "ICF": ("AGRO",),
    "SERNA": ("GR",),
    "COPECO": ("RNACC",),
    "SIT": ("GR",),
    "FHIS": ("AYS",),
    "SEDUC": ("CTI",),
    "UNAH": ("CTI", "SAL"),
    "INE": ("MLPS",),
    "IHSS": ("MLPS",),
    "SEDS": ("DDHH", "GEN"),
    "SEMUJER": ("DDHH",),
    "ENEE": ("IT",),
    "HONDUTEL": ("CTI",),
    "SDE": ("TUR",),
}

#: Transversal themes (DOMAIN.md §2) and the sector affinities used to tag indicators.
TEMAS: tuple[str, ...] = (
    "Transparencia",
    "Género",
    "Derechos Humanos",
    "Descentralización",
    "Competitividad",
    "Ambiente y Gestión de Riesgos",
    "Seguridad Alimentaria",
)
TEMAS_SECTOR: dict[str, tuple[str, ...]] = {
    "DDHH": ("Derechos Humanos", "Género"),
    "GOB": ("Transparencia", "Descentralización"),
    "MIG": ("Derechos Humanos", "Género"),
    "TAI": ("Transparencia",),
    "AGRO": ("Seguridad Alimentaria", "Ambiente y Gestión de Riesgos", "Competitividad"),
    "ENE": ("Ambiente y Gestión de Riesgos", "Competitividad"),
    "IYC": ("Competitividad", "Género"),
    "MACRO": ("Transparencia", "Competitividad"),
    "MLPS": ("Género", "Derechos Humanos", "Seguridad Alimentaria"),
    "RNACC": ("Ambiente y Gestión de Riesgos", "Descentralización"),
    "TEL": ("Competitividad", "Descentralización"),
    "TUR": ("Competitividad", "Ambiente y Gestión de Riesgos"),
    "AYS": ("Descentralización", "Ambiente y Gestión de Riesgos", "Derechos Humanos"),
    "EDU": ("Género", "Derechos Humanos", "Descentralización"),
    "GR": ("Ambiente y Gestión de Riesgos", "Descentralización"),
    "IT": ("Competitividad", "Descentralización", "Transparencia"),
    "SAL": ("Derechos Humanos", "Género", "Descentralización"),
    "VIV": ("Derechos Humanos", "Ambiente y Gestión de Riesgos"),
    "CTI": ("Competitividad", "Género"),
    "CAD": ("Derechos Humanos", "Descentralización"),
    "GEN": ("Género", "Derechos Humanos"),
    "DYS": ("Derechos Humanos", "Transparencia"),
}

#: Default source of the sectorial indicators of each sector.
FUENTE_SECTOR: dict[str, str] = {
    "DDHH": "Registros administrativos SEDH",
    "GOB": "Registros administrativos SGJD",
    "MIG": "Centro Nacional de Información del Sector Social (CENISS) / INM",
    "TAI": "Registros administrativos STLCC",
    "AGRO": "SAG, Sistema de Información Agroalimentaria",
    "ENE": "SEN, balance energético nacional",
    "IYC": "Registros administrativos SDE",
    "MACRO": "SEFIN, Sistema de Administración Financiera Integrada (SIAFI)",
    "MLPS": "INE EPHPM",
    "RNACC": "Registros administrativos SERNA / ICF",
    "TEL": "CONATEL, estadísticas del sector",
    "TUR": "IHT, boletín de estadísticas turísticas",
    "AYS": "SEDECOAS / ERSAPS, Sistema de Información de Agua y Saneamiento",
    "EDU": "SEDUC, Sistema de Administración de Centros Educativos (SACE)",
    "GR": "COPECO, registros de gestión de riesgos",
    "IT": "SIT, Unidad de Planeamiento y Evaluación de la Gestión",
    "SAL": "SESAL, Sistema Nacional de Información en Salud",
    "VIV": "CONVIVIENDA, registros del Programa de Vivienda",
    "CTI": "SENACIT, registros administrativos",
    "CAD": "Registros administrativos SECAPPH",
    "GEN": "Registros administrativos SEMUJER",
    "DYS": "Secretaría de Seguridad, Sistema Estadístico Policial en Línea (SEPOL)",
}


@dataclass(frozen=True)
class IndicadorPresidencial:
    """An impact indicator of a presidential goal: a real series or a synthetic one.

    For a real series, ``metas`` are the annual targets from the year after the baseline to 2026
    and the baseline and values come from the series file. For a synthetic one ``base`` and
    ``meta_final`` (2026) define the target path and ``perfil`` its performance.
    """

    nombre: str
    unidad: str
    sentido: str
    tipo: str
    responsable: str
    fuente: str = ""
    serie: str = ""
    metas: tuple[float, ...] = ()
    base: float = 0.0
    meta_final: float = 0.0
    perfil: str = "verde"
    peso: float = 1.0


@dataclass(frozen=True)
class MetaPresidencial:
    """A presidential goal: its eje, text, the sectors whose goals feed it and its indicators."""

    eje: str
    descripcion: str
    sectores: tuple[str, ...]
    indicadores: tuple[IndicadorPresidencial, ...]


_P = IndicadorPresidencial

METAS_PRESIDENCIALES: tuple[MetaPresidencial, ...] = (
    MetaPresidencial(
        "E1",
        "Fortalecer la gestión pública por resultados: incrementar el cumplimiento promedio de "
        "las metas institucionales evaluadas por DIGER",
        ("GOB",),
        (
            _P(
                "Cumplimiento promedio de metas institucionales (evaluación DIGER)",
                "%",
                "ascendente",
                "stock",
                "SPE",
                serie="DIGER: cumplimiento promedio de metas institucionales",
                metas=(80.0, 82.0, 84.0, 85.0),
            ),
            _P(
                "Instituciones que reportan su avance trimestral en SIGPRET dentro del plazo",
                "%",
                "ascendente",
                "stock",
                "SPE",
                "SPE/DIGER, registros de SIGPRET",
                base=55.0,
                meta_final=95.0,
                perfil="amarillo",
            ),
        ),
    ),
    MetaPresidencial(
        "E1",
        "Reducir la percepción de corrupción en la administración pública",
        ("TAI",),
        (
            _P(
                "Índice de Percepción de la Corrupción (Transparencia Internacional)",
                "puntos 0-100",
                "ascendente",
                "stock",
                "STLCC",
                serie="Índice de Percepción de la Corrupción (TI)",
                metas=(24.0, 25.0, 27.0, 29.0, 31.0),
            ),
            _P(
                "Instituciones del Poder Ejecutivo con calificación de transparencia activa "
                "igual o superior a 90 % (IAIP)",
                "%",
                "ascendente",
                "stock",
                "IAIP",
                "IAIP, informe de verificación de portales",
                base=58.0,
                meta_final=90.0,
                perfil="rojo",
            ),
        ),
    ),
    MetaPresidencial(
        "E1",
        "Garantizar el respeto y la protección de los derechos humanos de la población",
        ("DDHH", "GOB"),
        (
            _P(
                "Recomendaciones de mecanismos internacionales de derechos humanos cumplidas",
                "%",
                "ascendente",
                "stock",
                "SEDH",
                "SEDH, Sistema de Monitoreo de Recomendaciones (SIMOREH)",
                base=31.0,
                meta_final=65.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E1",
        "Asegurar la atención y reintegración digna de las personas hondureñas migrantes "
        "retornadas",
        ("MIG",),
        (
            _P(
                "Personas migrantes retornadas con atención y reintegración completada",
                "%",
                "ascendente",
                "stock",
                "SRECI",
                "CENISS, Observatorio Consular y Migratorio (CONMIGHO)",
                base=38.0,
                meta_final=70.0,
                perfil="amarillo",
            ),
        ),
    ),
    MetaPresidencial(
        "E2",
        "Reducir la desigualdad en la distribución del ingreso de los hogares",
        (),
        (
            _P(
                "Coeficiente de Gini del ingreso per cápita de los hogares",
                "índice 0-1",
                "descendente",
                "stock",
                "INE",
                "INE EPHPM",
                base=0.53,
                meta_final=0.48,
                perfil="amarillo",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Mantener la estabilidad macroeconómica con un crecimiento económico sostenido",
        ("MACRO", "IYC"),
        (
            _P(
                "Crecimiento del PIB real",
                "% anual",
                "ascendente",
                "flujo",
                "BCH",
                serie="Crecimiento del PIB real",
                metas=(4.5, 4.0, 4.0, 4.0, 4.0),
            ),
            _P(
                "Inflación interanual a diciembre (IPC)",
                "%",
                "descendente",
                "flujo",
                "BCH",
                serie="Inflación interanual a diciembre (IPC)",
                metas=(5.0, 4.5, 4.0, 4.0, 4.0),
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Generar empleo digno y reducir la desocupación",
        ("MLPS", "IYC", "TUR"),
        (
            _P(
                "Tasa de desocupación (desempleo abierto)",
                "% de la fuerza de trabajo",
                "descendente",
                "stock",
                "INE",
                serie="Tasa de desocupación (desempleo abierto)",
                metas=(8.2, 7.0, 5.8, 5.0, 4.5),
            ),
            _P(
                "Población ocupada",
                "personas",
                "ascendente",
                "stock",
                "INE",
                serie="Población ocupada",
                metas=(3800000.0, 3880000.0, 3960000.0, 4040000.0, 4120000.0),
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Incrementar la producción agroalimentaria y la seguridad alimentaria del país",
        ("AGRO",),
        (
            _P(
                "Producción nacional de granos básicos (maíz, frijol, arroz y sorgo)",
                "miles de quintales",
                "ascendente",
                "flujo",
                "SAG",
                "SAG, Sistema de Información Agroalimentaria",
                base=15200.0,
                meta_final=18500.0,
                perfil="amarillo",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Ampliar el acceso a energía eléctrica con mayor participación de fuentes renovables",
        ("ENE",),
        (
            _P(
                "Cobertura eléctrica (viviendas)",
                "% de viviendas",
                "ascendente",
                "stock",
                "SEN",
                serie="Cobertura eléctrica (viviendas)",
                metas=(87.0, 88.5, 90.0, 91.5),
            ),
            _P(
                "Participación de fuentes renovables en la generación eléctrica",
                "%",
                "ascendente",
                "stock",
                "SEN",
                "SEN, balance energético nacional",
                base=59.0,
                meta_final=70.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Recuperar la cobertura forestal y proteger los recursos naturales",
        ("RNACC", "AGRO"),
        (
            _P(
                "Cobertura forestal",
                "% del territorio nacional",
                "ascendente",
                "stock",
                "ICF",
                serie="Cobertura forestal",
                metas=(49.0, 49.5, 50.0, 50.5, 51.0),
            ),
            _P(
                "Superficie forestal restaurada",
                "hectáreas",
                "ascendente",
                "acumulado",
                "ICF",
                "ICF, Sistema de Información para la Gestión y Monitoreo Forestal (SIGMOF)",
                base=18000.0,
                meta_final=32000.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Ampliar el acceso a internet y la conectividad digital de la población",
        ("TEL",),
        (
            _P(
                "Población de 5 años y más con acceso a internet",
                "%",
                "ascendente",
                "stock",
                "CONATEL",
                "INE EPHPM, módulo de tecnologías de información",
                base=49.0,
                meta_final=65.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Posicionar el turismo como motor de desarrollo económico",
        ("TUR",),
        (
            _P(
                "Llegada total de visitantes",
                "personas",
                "ascendente",
                "flujo",
                "IHT",
                serie="Llegada total de visitantes",
                metas=(2200000.0, 2400000.0, 2600000.0, 2800000.0),
            ),
            _P(
                "Ingreso de divisas por turismo",
                "millones de USD",
                "ascendente",
                "flujo",
                "IHT",
                serie="Ingreso de divisas por turismo",
                metas=(620.0, 700.0, 780.0, 850.0),
            ),
            _P(
                "Tasa de ocupación hotelera promedio",
                "%",
                "ascendente",
                "stock",
                "IHT",
                "IHT, encuesta de ocupación hotelera",
                base=48.0,
                meta_final=62.0,
                perfil="verde",
                peso=2.0,
            ),
        ),
    ),
    MetaPresidencial(
        "E2-ECO",
        "Incrementar las exportaciones y la inversión productiva",
        ("IYC", "MACRO"),
        (
            _P(
                "Exportaciones de bienes con respecto al PIB",
                "% del PIB",
                "ascendente",
                "stock",
                "SDE",
                "BCH, estadísticas de comercio exterior y cuentas nacionales",
                base=21.5,
                meta_final=25.0,
                perfil="rojo",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-SOC",
        "Reducir la pobreza y la pobreza extrema de los hogares hondureños",
        ("MLPS",),
        (
            _P(
                "Hogares en situación de pobreza",
                "% de hogares",
                "descendente",
                "stock",
                "INE",
                serie="Hogares en situación de pobreza",
                metas=(72.5, 69.5, 66.5, 62.0, 59.0),
            ),
            _P(
                "Hogares en pobreza extrema",
                "% de hogares",
                "descendente",
                "stock",
                "INE",
                serie="Hogares en pobreza extrema",
                metas=(52.0, 47.0, 43.5, 40.0, 37.0),
            ),
        ),
    ),
    MetaPresidencial(
        "E2-SOC",
        "Incrementar la cobertura y la calidad de la educación pública",
        ("EDU",),
        (
            _P(
                "Tasa neta de cobertura en educación prebásica (5 años)",
                "%",
                "ascendente",
                "stock",
                "SEDUC",
                "SEDUC, SACE / INE proyecciones de población",
                base=66.0,
                meta_final=80.0,
                perfil="amarillo",
            ),
            _P(
                "Tasa neta de cobertura en educación media (15-17 años)",
                "%",
                "ascendente",
                "stock",
                "SEDUC",
                "SEDUC, SACE / INE proyecciones de población",
                base=31.0,
                meta_final=40.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-SOC",
        "Reducir la mortalidad materna e infantil con un sistema de salud universal",
        ("SAL",),
        (
            _P(
                "Razón de mortalidad materna",
                "por 100,000 nacidos vivos",
                "descendente",
                "stock",
                "SESAL",
                "SESAL, vigilancia de la mortalidad materna",
                base=74.0,
                meta_final=55.0,
                perfil="verde",
            ),
            _P(
                "Tasa de mortalidad infantil",
                "por 1,000 nacidos vivos",
                "descendente",
                "stock",
                "SESAL",
                "SESAL / INE, estadísticas vitales",
                base=16.0,
                meta_final=13.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-SOC",
        "Ampliar el acceso de la población a agua potable y saneamiento seguros",
        ("AYS",),
        (
            _P(
                "Población con acceso a agua potable gestionada de forma segura",
                "% población",
                "ascendente",
                "stock",
                "SEDECOAS",
                "ERSAPS / INE EPHPM",
                base=61.0,
                meta_final=72.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-SOC",
        "Reducir el déficit habitacional de las familias de menores ingresos",
        ("VIV",),
        (
            _P(
                "Déficit habitacional cuantitativo",
                "viviendas",
                "descendente",
                "stock",
                "CONVIVIENDA",
                "CONVIVIENDA / INE EPHPM",
                base=420000.0,
                meta_final=370000.0,
                perfil="rojo",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-SOC",
        "Mejorar la conectividad vial y la infraestructura productiva del país",
        ("IT",),
        (
            _P(
                "Red vial oficial pavimentada en buen estado",
                "%",
                "ascendente",
                "stock",
                "SIT",
                "SIT / Fondo Vial, inventario de la red vial",
                base=42.0,
                meta_final=58.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E2-SOC",
        "Reducir la vulnerabilidad de la población ante desastres y el cambio climático",
        ("GR",),
        (
            _P(
                "Municipios con sistemas de alerta temprana funcionando",
                "municipios",
                "ascendente",
                "stock",
                "COPECO",
                "COPECO, Sistema Nacional de Gestión de Riesgos (SINAGER)",
                base=96.0,
                meta_final=180.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E3",
        "Reducir la violencia contra las mujeres y promover su autonomía económica",
        ("GEN",),
        (
            _P(
                "Tasa de muertes violentas de mujeres",
                "tasa por 100,000 mujeres",
                "descendente",
                "stock",
                "SEMUJER",
                "Observatorio de la Violencia IUDPAS-UNAH",
                base=6.2,
                meta_final=4.0,
                perfil="amarillo",
            ),
        ),
    ),
    MetaPresidencial(
        "E3",
        "Incrementar la inversión en ciencia, tecnología e innovación",
        ("CTI",),
        (
            _P(
                "Proyectos de investigación e innovación financiados por el Estado",
                "proyectos",
                "ascendente",
                "acumulado",
                "SENACIT",
                "SENACIT, registros administrativos",
                base=40.0,
                meta_final=90.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E3",
        "Ampliar el acceso de la población a la cultura, las artes y el deporte",
        ("CAD",),
        (
            _P(
                "Personas que participan en programas culturales y deportivos públicos",
                "personas",
                "ascendente",
                "acumulado",
                "SECAPPH",
                "SECAPPH / CONDEPOR, registros administrativos",
                base=150000.0,
                meta_final=240000.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E4",
        "Reducir los homicidios y la violencia en el territorio nacional",
        ("DYS",),
        (
            _P(
                "Tasa de homicidios por 100,000 habitantes",
                "por 100,000 hab.",
                "descendente",
                "stock",
                "SEDS",
                serie="Tasa de homicidios (Policía/SEPOL)",
                metas=(38.0, 34.0, 30.0, 26.0, 22.0),
            ),
            _P(
                "Municipios con tasa de homicidios inferior a 20 por 100,000 habitantes",
                "municipios",
                "ascendente",
                "stock",
                "SEDS",
                "Secretaría de Seguridad, SEPOL",
                base=118.0,
                meta_final=170.0,
                perfil="verde",
            ),
        ),
    ),
    MetaPresidencial(
        "E4",
        "Desarticular las estructuras criminales y reducir la extorsión",
        ("DYS",),
        (
            _P(
                "Denuncias de extorsión",
                "denuncias",
                "descendente",
                "flujo",
                "SEDS",
                "Secretaría de Seguridad, SEPOL / FNAMP",
                base=1850.0,
                meta_final=1100.0,
                perfil="amarillo",
            ),
        ),
    ),
)

#: Sectorial goals per sector: (descripcion, indicator specs).
METAS_SECTORIALES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "DDHH": (
        (
            "Mejorar la atención y resolución de quejas por violaciones a derechos humanos",
            (
                "Quejas por violaciones a derechos humanos atendidas y resueltas|%|A|S|48|80",
                "Personas defensoras de derechos humanos con medidas de protección vigentes"
                "|personas|A|S|180|420",
            ),
        ),
        (
            "Garantizar la protección integral de la niñez y la adolescencia con derechos "
            "vulnerados",
            (
                "Niñas, niños y adolescentes con derechos restituidos|personas|A|C|3200|5200",
                "Niñas y niños en acogimiento institucional reintegrados a su familia|%|A|S|22|45",
            ),
        ),
        (
            "Incorporar el enfoque de derechos humanos en las políticas y la gestión pública",
            (
                "Instituciones públicas con plan de acción en derechos humanos aprobado"
                "|instituciones|A|S|12|60",
            ),
        ),
    ),
    "GOB": (
        (
            "Consolidar la gestión pública orientada a resultados en las instituciones del "
            "Poder Ejecutivo",
            (
                "Instituciones con planes operativos alineados a la MCR|%|A|S|40|95",
                "Instituciones con evaluación de desempeño institucional publicada|%|A|S|60|95",
            ),
        ),
        (
            "Fortalecer la descentralización y la capacidad de gestión de los gobiernos locales",
            (
                "Municipalidades con rendición de cuentas pública realizada|municipios|A|S|140|260",
                "Transferencias municipales ejecutadas en inversión social|%|A|S|55|75",
            ),
        ),
        (
            "Garantizar la identificación y la seguridad jurídica de las personas y sus bienes",
            (
                "Población mayor de 18 años con Documento Nacional de Identificación vigente"
                "|%|A|S|88|98",
                "Predios regularizados e inscritos en el Registro de la Propiedad"
                "|predios|A|C|18000|30000",
            ),
        ),
        (
            "Profesionalizar el servicio civil con ingreso por mérito",
            ("Plazas del servicio civil ocupadas por concurso de méritos|%|A|S|8|35",),
        ),
    ),
    "MIG": (
        (
            "Brindar atención integral a la población migrante retornada",
            (
                "Personas migrantes retornadas atendidas en los centros de atención"
                "|personas|A|C|60000|90000",
                "Niñas, niños y adolescentes retornados con seguimiento de reintegración"
                "|%|A|S|45|80",
            ),
        ),
        (
            "Proteger los derechos de las personas hondureñas en el exterior",
            (
                "Personas hondureñas en el exterior asistidas por la red consular"
                "|personas|A|C|85000|120000",
                "Tiempo promedio de respuesta a solicitudes de asistencia consular|días|D|S|12|5",
            ),
        ),
        (
            "Promover la migración regular, ordenada y segura",
            (
                "Trabajadores contratados en programas de movilidad laboral temporal"
                "|personas|A|C|3500|9000",
            ),
        ),
    ),
    "TAI": (
        (
            "Reducir la corrupción en la contratación pública",
            (
                "Procesos de compra pública publicados en HonduCompras con toda la información"
                "|%|A|S|62|95",
                "Monto contratado mediante procesos competitivos|%|A|S|45|70",
            ),
        ),
        (
            "Garantizar el acceso a la información pública",
            (
                "Solicitudes de acceso a la información respondidas en plazo|%|A|S|71|95",
                "Instituciones obligadas con portal de transparencia actualizado|%|A|S|64|95",
            ),
        ),
        (
            "Fortalecer el control interno y la rendición de cuentas de las instituciones",
            (
                "Instituciones con sistema de control interno implementado|%|A|S|35|80",
                "Recomendaciones de auditoría interna implementadas|%|A|S|40|75",
            ),
        ),
    ),
    "AGRO": (
        (
            "Incrementar la productividad de granos básicos de pequeños y medianos productores",
            (
                "Rendimiento promedio de maíz en productores atendidos|quintales por manzana"
                "|A|S|28|38",
                "Productores con acceso a semilla certificada y bono tecnológico"
                "|productores|A|C|180000|260000",
            ),
        ),
        (
            "Mejorar la sanidad agropecuaria y el acceso a mercados",
            (
                "Establecimientos agroalimentarios certificados con buenas prácticas"
                "|establecimientos|A|S|950|1600",
                "Rechazos de exportaciones agroalimentarias por causas sanitarias|casos|D|F|48|20",
            ),
        ),
        (
            "Reducir la inseguridad alimentaria de los hogares rurales",
            (
                "Hogares rurales en inseguridad alimentaria moderada o severa|%|D|S|38|28|i",
                "Familias rurales con huertos y sistemas de producción para autoconsumo"
                "|familias|A|C|25000|45000",
            ),
        ),
        (
            "Ampliar el financiamiento y la tenencia segura de la tierra para productores",
            (
                "Cartera de crédito agropecuario colocada a pequeños productores"
                "|millones de lempiras|A|F|1400|2600",
                "Familias campesinas con título de propiedad de la tierra|familias|A|C|6000|9000",
            ),
        ),
    ),
    "ENE": (
        (
            "Ampliar la cobertura eléctrica en zonas rurales",
            (
                "Viviendas rurales conectadas a la red eléctrica o con sistemas aislados"
                "|viviendas|A|C|22000|40000",
            ),
        ),
        (
            "Reducir las pérdidas de energía en la red de distribución",
            ("Pérdidas totales de energía en distribución|%|D|S|38|25",),
        ),
        (
            "Diversificar la matriz energética con fuentes renovables",
            (
                "Capacidad instalada renovable incorporada al sistema|MW|A|C|80|220",
                "Participación renovable en la generación|%|A|S|59|70|i",
            ),
        ),
    ),
    "IYC": (
        (
            "Fortalecer las micro, pequeñas y medianas empresas",
            (
                "MIPYME atendidas con servicios de desarrollo empresarial|empresas|A|C|12000|22000",
                "Empleos formales generados por MIPYME atendidas|empleos|A|C|6000|11000",
            ),
        ),
        (
            "Incrementar las exportaciones de bienes y servicios",
            (
                "Empresas exportadoras nuevas|empresas|A|C|60|140",
                "Exportaciones de productos no tradicionales|millones de USD|A|F|2100|3000",
            ),
        ),
        (
            "Proteger los derechos de las personas consumidoras",
            ("Denuncias de consumidores resueltas|%|A|S|62|85",),
        ),
    ),
    "MACRO": (
        (
            "Mantener la sostenibilidad de las finanzas públicas",
            (
                "Déficit fiscal de la Administración Central|% del PIB|D|S|4.9|1.5|i",
                "Deuda pública total|% del PIB|D|S|52|45",
            ),
        ),
        (
            "Incrementar la recaudación tributaria con equidad",
            (
                "Carga tributaria|% del PIB|A|S|17.2|19.5",
                "Contribuyentes que declaran en línea|%|A|S|71|92",
            ),
        ),
        (
            "Mejorar la calidad del gasto público",
            (
                "Ejecución del presupuesto de inversión pública|%|A|S|68|90",
                "Gasto social con respecto al gasto total|%|A|S|48|55",
            ),
        ),
        (
            "Facilitar el comercio y fortalecer las estadísticas oficiales",
            (
                "Tiempo promedio de despacho aduanero de importaciones|horas|D|S|48|18",
                "Operaciones estadísticas oficiales publicadas en calendario|%|A|S|60|95",
            ),
        ),
    ),
    "MLPS": (
        (
            "Reducir la pobreza mediante transferencias y programas de protección social",
            (
                "Hogares en pobreza extrema con transferencias monetarias condicionadas"
                "|hogares|A|S|150000|330000",
                "Hogares beneficiarios que cumplen corresponsabilidades en salud y educación"
                "|%|A|S|70|90",
            ),
        ),
        (
            "Incrementar la empleabilidad y la inserción laboral de jóvenes",
            (
                "Personas colocadas en empleos por el Servicio Nacional de Empleo"
                "|personas|A|C|18000|36000",
                "Jóvenes egresados de formación técnica profesional|personas|A|C|95000|140000",
            ),
        ),
        (
            "Ampliar la cobertura de la seguridad social",
            (
                "Población económicamente activa cotizante a la seguridad social|%|A|S|19|26|i",
                "Inspecciones laborales con verificación de salario mínimo|inspecciones"
                "|A|C|14000|24000",
            ),
        ),
        (
            "Reducir el trabajo infantil",
            ("Niñas, niños y adolescentes de 5 a 17 años que trabajan|%|D|S|13.5|9|i",),
        ),
    ),
    "RNACC": (
        (
            "Reducir la deforestación y los incendios forestales",
            (
                "Superficie afectada por incendios forestales|hectáreas|D|F|62000|35000",
                "Superficie forestal bajo manejo y protección comunitaria|hectáreas"
                "|A|S|450000|700000",
            ),
        ),
        (
            "Proteger las áreas protegidas y la biodiversidad",
            (
                "Áreas protegidas con plan de manejo vigente|%|A|S|38|70",
                "Denuncias de delitos ambientales con resolución administrativa|%|A|S|30|60",
            ),
        ),
        (
            "Fortalecer la adaptación al cambio climático y la gestión ambiental",
            (
                "Licencias ambientales resueltas dentro del plazo legal|%|A|S|52|85",
                "Municipios con plan local de adaptación al cambio climático|municipios|A|S|24|80",
            ),
        ),
    ),
    "TEL": (
        (
            "Ampliar la conectividad de banda ancha en el territorio",
            (
                "Centros educativos y de salud públicos conectados a internet"
                "|establecimientos|A|S|2100|6500",
                "Suscripciones de internet fijo|por 100 habitantes|A|S|4.1|8|i",
            ),
        ),
        (
            "Mejorar la calidad y la cobertura de los servicios de telecomunicaciones",
            (
                "Municipios con cobertura móvil 4G en la cabecera municipal|municipios|A|S|210|298",
                "Reclamos de usuarios de telecomunicaciones resueltos|%|A|S|66|90",
            ),
        ),
        (
            "Modernizar los servicios postales y de radiodifusión pública",
            ("Municipios con señal de televisión pública digital|municipios|A|S|40|120",),
        ),
    ),
    "TUR": (
        (
            "Incrementar la llegada de turistas y el gasto turístico",
            (
                "Turistas que pernoctan en el país|personas|A|F|800000|1100000",
                "Estadía media de los turistas|noches|A|S|7.2|8.5",
            ),
        ),
        (
            "Diversificar la oferta turística con destinos sostenibles",
            (
                "Destinos turísticos con certificación de calidad y sostenibilidad"
                "|destinos|A|S|6|20",
                "Empleos directos en empresas turísticas registradas|empleos|A|S|110000|140000",
            ),
        ),
        (
            "Mejorar la gestión ambiental y turística de Islas de la Bahía",
            ("Arrecifes con monitoreo de salud coralina|sitios|A|S|18|40",),
        ),
    ),
    "AYS": (
        (
            "Ampliar la cobertura de agua potable en zonas rurales y periurbanas",
            (
                "Personas con nuevo acceso a agua potable|personas|A|C|90000|160000",
                "Sistemas de agua rurales con cloración permanente|%|A|S|34|70",
            ),
        ),
        (
            "Ampliar el acceso a saneamiento básico",
            ("Personas con nuevo acceso a saneamiento mejorado|personas|A|C|60000|110000",),
        ),
        (
            "Fortalecer la regulación y sostenibilidad de los prestadores de agua",
            (
                "Prestadores de servicios de agua regulados con tarifa aprobada|prestadores"
                "|A|S|180|420",
                "Juntas administradoras de agua legalizadas|juntas|A|S|2400|4000",
            ),
        ),
    ),
    "EDU": (
        (
            "Ampliar la cobertura de la educación prebásica y media",
            (
                "Matrícula en educación prebásica|estudiantes|A|S|215000|260000",
                "Matrícula en educación media|estudiantes|A|S|290000|340000",
            ),
        ),
        (
            "Reducir el abandono escolar y mejorar la permanencia",
            (
                "Tasa de deserción escolar en educación básica|%|D|S|3.8|2",
                "Estudiantes beneficiados con merienda escolar|estudiantes|A|S|1200000|1400000",
            ),
        ),
        (
            "Mejorar la calidad de los aprendizajes",
            (
                "Estudiantes de 6.º grado con desempeño satisfactorio en Matemáticas|%|A|S|21|35|i",
                "Docentes certificados en el programa de formación continua|docentes"
                "|A|C|9000|16000",
            ),
        ),
        (
            "Mejorar la infraestructura educativa",
            ("Centros educativos reparados o construidos|centros|A|C|450|900",),
        ),
        (
            "Incrementar el acceso a la educación superior pública",
            ("Matrícula en universidades públicas|estudiantes|A|S|118000|140000",),
        ),
    ),
    "GR": (
        (
            "Fortalecer la preparación y respuesta ante emergencias",
            (
                "Comités de emergencia municipal (CODEM) activos y capacitados|municipios"
                "|A|S|150|298",
                "Tiempo promedio de respuesta a emergencias declaradas|horas|D|S|36|12",
            ),
        ),
        (
            "Reducir el riesgo de inundaciones y deslizamientos",
            (
                "Obras de mitigación de riesgos finalizadas|obras|A|C|60|140",
                "Población protegida por obras de control de inundaciones|personas"
                "|A|S|380000|650000",
            ),
        ),
        (
            "Mejorar el monitoreo y la alerta temprana de amenazas naturales",
            ("Estaciones hidrometeorológicas operando en tiempo real|estaciones|A|S|140|260",),
        ),
    ),
    "IT": (
        (
            "Mejorar la red vial primaria y secundaria",
            (
                "Kilómetros de carretera pavimentada construidos o rehabilitados|km|A|C|180|420",
                "Kilómetros de red vial no pavimentada con mantenimiento|km|A|C|3500|6000",
            ),
        ),
        (
            "Modernizar la infraestructura logística, portuaria y aeroportuaria",
            (
                "Carga movilizada por los puertos nacionales|millones de toneladas|A|F|14|17",
                "Pasajeros movilizados en aeropuertos nacionales|personas|A|F|2600000|3400000",
            ),
        ),
        (
            "Ampliar la infraestructura social en comunidades vulnerables",
            ("Proyectos de infraestructura social comunitaria terminados|proyectos|A|C|500|900",),
        ),
        (
            "Ordenar y modernizar el transporte público",
            (
                "Unidades de transporte público con permiso de operación vigente|%|A|S|62|90",
                "Fallecidos en accidentes de tránsito|tasa por 100,000 habitantes|D|S|14|10|i",
            ),
        ),
    ),
    "SAL": (
        (
            "Reducir la mortalidad materna y neonatal",
            (
                "Partos atendidos en establecimientos de salud|%|A|S|78|90",
                "Embarazadas con cuatro o más atenciones prenatales|%|A|S|62|80",
            ),
        ),
        (
            "Incrementar la cobertura de vacunación infantil",
            (
                "Cobertura de vacunación con tercera dosis de pentavalente en menores de 1 año"
                "|%|A|S|82|95",
                "Cobertura de vacunación con SRP en niñas y niños de 1 año|%|A|S|80|95",
            ),
        ),
        (
            "Reducir la incidencia de enfermedades transmitidas por vectores",
            (
                "Casos de dengue notificados|casos|D|F|42000|20000",
                "Casos confirmados de malaria|casos|D|F|3200|1500",
            ),
        ),
        (
            "Ampliar el acceso a servicios de salud del primer nivel",
            (
                "Población con acceso a equipos de salud familiar|%|A|S|38|60",
                "Recetas completamente despachadas en hospitales públicos|%|A|S|55|85",
            ),
        ),
        (
            "Garantizar la calidad y seguridad de medicamentos y alimentos",
            ("Registros sanitarios resueltos dentro del plazo legal|%|A|S|48|85",),
        ),
    ),
    "VIV": (
        (
            "Reducir el déficit habitacional de familias de bajos ingresos",
            (
                "Soluciones habitacionales entregadas a familias de bajos ingresos|viviendas"
                "|A|C|4500|9000",
                "Viviendas mejoradas (piso, techo, baño)|viviendas|A|C|6000|12000",
            ),
        ),
        (
            "Ampliar el financiamiento accesible para vivienda social",
            (
                "Créditos para vivienda social otorgados|créditos|A|C|3000|6000",
                "Monto de crédito para vivienda social colocado|millones de lempiras|A|F|1800|3200",
            ),
        ),
        (
            "Promover asentamientos humanos seguros y ordenados",
            ("Familias reubicadas desde zonas de alto riesgo|familias|A|C|400|1200",),
        ),
    ),
    "CTI": (
        (
            "Fortalecer la investigación científica y la innovación",
            (
                "Investigadores registrados en el Sistema Nacional de Ciencia y Tecnología"
                "|personas|A|S|900|1600",
                "Publicaciones científicas indexadas de autores nacionales|publicaciones"
                "|A|F|420|650",
            ),
        ),
        (
            "Promover la apropiación social de la ciencia y las vocaciones científicas",
            (
                "Estudiantes participantes en ferias y olimpiadas científicas|estudiantes"
                "|A|C|15000|28000",
            ),
        ),
        (
            "Impulsar la transformación digital del Estado",
            ("Trámites públicos disponibles en línea|trámites|A|S|120|400",),
        ),
    ),
    "CAD": (
        (
            "Proteger y poner en valor el patrimonio cultural",
            (
                "Bienes del patrimonio cultural inventariados y protegidos|bienes|A|S|2400|4200",
                "Visitantes a sitios arqueológicos y museos públicos|personas|A|F|320000|450000",
            ),
        ),
        (
            "Ampliar la participación en actividades artísticas y culturales",
            ("Municipios con casa de la cultura funcionando|municipios|A|S|60|120",),
        ),
        (
            "Promover la actividad física y el deporte",
            (
                "Niñas, niños y jóvenes en escuelas deportivas públicas|personas|A|S|18000|35000",
                "Instalaciones deportivas públicas rehabilitadas|instalaciones|A|C|40|110",
            ),
        ),
    ),
    "GEN": (
        (
            "Reducir la violencia contra las mujeres y la impunidad",
            (
                "Mujeres sobrevivientes de violencia atendidas en centros especializados"
                "|mujeres|A|C|40000|65000",
                "Denuncias por violencia doméstica con medidas de seguridad otorgadas|%|A|S|55|85",
            ),
        ),
        (
            "Promover la autonomía económica de las mujeres",
            (
                "Mujeres emprendedoras con crédito o capital semilla|mujeres|A|C|12000|25000",
                "Tasa de participación laboral femenina|%|A|S|37|42|i",
            ),
        ),
        (
            "Transversalizar el enfoque de género en la gestión pública",
            ("Instituciones con unidad de género funcionando|instituciones|A|S|30|75",),
        ),
    ),
    "DYS": (
        (
            "Reducir los delitos contra la vida y el patrimonio",
            (
                "Homicidios registrados|homicidios|D|F|3600|2200",
                "Robos y hurtos denunciados|denuncias|D|F|21000|16000",
            ),
        ),
        (
            "Fortalecer la investigación criminal y la persecución del delito",
            (
                "Casos de homicidio esclarecidos|%|A|S|18|40",
                "Estructuras criminales desarticuladas|estructuras|A|C|55|120",
            ),
        ),
        (
            "Mejorar el sistema penitenciario y la reinserción social",
            (
                "Hacinamiento penitenciario|%|D|S|56|20",
                "Personas privadas de libertad en programas educativos o laborales|%|A|S|24|45",
            ),
        ),
        (
            "Defender la soberanía y apoyar el desarrollo nacional",
            ("Operaciones de control territorial en fronteras|operaciones|A|C|1800|2600",),
        ),
    ),
}
