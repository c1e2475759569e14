"""Hand-written institutional goals of the demo MCR, per institution (read by generate_demo).

Each goal is ``(descripcion, objeto, indicator specs)`` or, for a goal that belongs to one of the
institution's other mesas, ``(descripcion, objeto, indicator specs, sector)``. ``objeto`` is a
short noun phrase the generator uses to name the input and activity indicators it adds
("Presupuesto ejecutado en <objeto>"). Indicator specs use the compact format documented in
``catalogo.py``; the default eslabón here is ``producto``.
"""

from __future__ import annotations

MetaInstitucional = tuple[str, str, tuple[str, ...]] | tuple[str, str, tuple[str, ...], str]

#: Management goals every institution may carry (the generator gives some of them to each).
METAS_GESTION: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Cumplir con la publicación de la información pública de oficio en el Portal Único de "
        "Transparencia",
        "transparencia institucional",
        ("Calificación obtenida en la verificación de transparencia del IAIP|%|A|S|72|98|r",),
    ),
    (
        "Fortalecer el sistema de control interno institucional",
        "control interno",
        ("Recomendaciones de control interno implementadas|%|A|S|35|85",),
    ),
    (
        "Incorporar el enfoque de igualdad de género en la planificación institucional",
        "igualdad de género institucional",
        ("Servidores públicos capacitados en igualdad de género|personas|A|C|120|260",),
    ),
    (
        "Simplificar y digitalizar los trámites de atención a la ciudadanía",
        "simplificación de trámites",
        ("Trámites institucionales simplificados o disponibles en línea|trámites|A|S|4|18",),
    ),
)

METAS_INSTITUCIONALES: dict[str, tuple[MetaInstitucional, ...]] = {
    "SEDH": (
        (
            "Capacitar a servidores públicos en derechos humanos",
            "formación en derechos humanos",
            ("Servidores públicos capacitados en derechos humanos|personas|A|C|2500|4500",),
        ),
        (
            "Atender oportunamente las solicitudes de protección de personas defensoras y "
            "periodistas",
            "el mecanismo de protección",
            (
                "Solicitudes de protección evaluadas dentro del plazo legal|%|A|S|55|90",
                "Días promedio de evaluación de riesgo|días|D|S|45|20|r",
            ),
        ),
        (
            "Dar seguimiento al cumplimiento de recomendaciones internacionales",
            "seguimiento de recomendaciones internacionales",
            ("Recomendaciones internacionales con plan de cumplimiento|%|A|S|30|70",),
        ),
    ),
    "SENAF": (
        (
            "Restituir los derechos de niñas, niños y adolescentes vulnerados",
            "restitución de derechos de la niñez",
            (
                "Niñas, niños y adolescentes con medidas de protección aplicadas"
                "|personas|A|C|3000|5000",
            ),
        ),
        (
            "Reintegrar a su familia a niñas y niños bajo protección institucional",
            "reintegración familiar",
            ("Niñas y niños reintegrados a su núcleo familiar|personas|A|C|600|1100",),
        ),
        (
            "Prevenir el embarazo en adolescentes y la violencia sexual infantil",
            "prevención de la violencia sexual infantil",
            ("Adolescentes participantes en programas de prevención|personas|A|C|15000|30000",),
            "GEN",
        ),
    ),
    "SDP": (
        (
            "Coordinar el seguimiento de las prioridades presidenciales en los gabinetes "
            "sectoriales",
            "seguimiento de prioridades presidenciales",
            ("Sesiones de gabinete sectorial con acuerdos registrados|sesiones|A|C|40|80",),
        ),
        (
            "Publicar los informes de rendición de cuentas del Gobierno",
            "rendición de cuentas",
            ("Informes de rendición de cuentas publicados en plazo|%|A|S|50|100",),
            "TAI",
        ),
        (
            "Atender las peticiones ciudadanas dirigidas a la Presidencia",
            "atención ciudadana",
            ("Peticiones ciudadanas respondidas en 30 días|%|A|S|58|90",),
        ),
    ),
    "SGJD": (
        (
            "Fortalecer las capacidades de gestión de las municipalidades",
            "fortalecimiento municipal",
            (
                "Municipalidades con asistencia técnica en planificación y finanzas|municipios"
                "|A|S|80|200",
            ),
        ),
        (
            "Transferir oportunamente los recursos a los gobiernos locales",
            "transferencias municipales",
            ("Transferencias municipales pagadas en el plazo legal|%|A|S|70|95",),
        ),
        (
            "Otorgar personería jurídica a organizaciones de sociedad civil en plazo",
            "registro de asociaciones civiles",
            ("Solicitudes de personería jurídica resueltas|solicitudes|A|C|1800|2800",),
        ),
        (
            "Promover la cultura de paz y la resolución alterna de conflictos en los municipios",
            "cultura de paz",
            ("Conflictos comunitarios atendidos por mediación|casos|A|C|900|1800",),
            "DDHH",
        ),
    ),
    "SPE": (
        (
            "Alinear los planes institucionales con la Matriz de Consistencia de Resultados",
            "alineamiento de planes institucionales",
            ("Planes operativos institucionales revisados y alineados con la MCR|%|A|S|45|100",),
        ),
        (
            "Evaluar anualmente el desempeño de las metas institucionales",
            "evaluación del desempeño institucional",
            ("Instituciones con evaluación anual de metas publicada|instituciones|A|S|80|98",),
        ),
        (
            "Operar las mesas sectoriales de gestión por resultados (MESGEPRET)",
            "las MESGEPRET",
            ("Mesas sectoriales con plan de trabajo aprobado|mesas|A|S|6|22",),
        ),
    ),
    "SEDESPA": (
        (
            "Dar seguimiento a los proyectos prioritarios de inversión pública",
            "seguimiento de proyectos prioritarios",
            ("Proyectos prioritarios con informe de avance físico-financiero|%|A|S|60|100",),
        ),
        (
            "Dar seguimiento a los acuerdos con sectores sociales",
            "acuerdos con sectores sociales",
            ("Acuerdos con sectores sociales cumplidos|%|A|S|35|75|r",),
        ),
        (
            "Resolver los proyectos paralizados de la cartera de inversión",
            "proyectos paralizados",
            ("Proyectos paralizados reactivados|proyectos|A|C|20|45",),
        ),
    ),
    "IP": (
        (
            "Regularizar la propiedad inmueble urbana y rural",
            "regularización predial",
            ("Títulos de propiedad emitidos|títulos|A|C|16000|26000",),
        ),
        (
            "Modernizar el Registro de la Propiedad",
            "modernización registral",
            ("Inscripciones registrales resueltas en 15 días hábiles|%|A|S|58|90",),
        ),
        (
            "Actualizar el catastro nacional",
            "catastro nacional",
            ("Predios catastrados y georreferenciados|predios|A|C|40000|70000",),
        ),
    ),
    "ENAG": (
        (
            "Imprimir oportunamente el Diario Oficial La Gaceta",
            "edición del Diario Oficial",
            ("Ediciones de La Gaceta publicadas en línea el mismo día|%|A|S|70|100",),
        ),
        (
            "Atender las órdenes de impresión de las instituciones públicas",
            "servicios de impresión",
            ("Órdenes de impresión entregadas en plazo|%|A|S|75|95",),
        ),
        (
            "Incrementar los ingresos propios por servicios gráficos",
            "servicios gráficos",
            ("Ingresos por servicios gráficos|millones de lempiras|A|F|28|40|r",),
        ),
    ),
    "DGSC": (
        (
            "Implementar concursos de mérito para el ingreso al servicio civil",
            "concursos de mérito",
            ("Plazas adjudicadas por concurso público|plazas|A|C|600|2000",),
        ),
        (
            "Actualizar el registro nacional de servidores públicos",
            "registro de servidores públicos",
            ("Servidores públicos con expediente digital actualizado|%|A|S|40|90",),
        ),
        (
            "Evaluar el desempeño de los servidores públicos",
            "evaluación del desempeño",
            ("Servidores públicos con evaluación del desempeño anual|%|A|S|25|70",),
        ),
    ),
    "RNP": (
        (
            "Entregar el Documento Nacional de Identificación a la población",
            "entrega del Documento Nacional de Identificación",
            ("Documentos Nacionales de Identificación entregados|documentos|A|C|600000|900000",),
        ),
        (
            "Inscribir oportunamente los nacimientos",
            "inscripción de nacimientos",
            ("Nacimientos inscritos en el primer año de vida|%|A|S|82|96|r",),
        ),
        (
            "Depurar el Registro Nacional de las Personas",
            "depuración del registro civil",
            ("Registros de defunción depurados|registros|A|C|50000|90000",),
        ),
    ),
    "INM": (
        (
            "Atender a la población migrante retornada en los centros de atención",
            "atención a migrantes retornados",
            ("Personas retornadas atendidas en los CAMR|personas|A|C|60000|90000",),
        ),
        (
            "Agilizar la emisión de pasaportes",
            "emisión de pasaportes",
            (
                "Pasaportes emitidos|pasaportes|A|F|260000|380000",
                "Días promedio de entrega de pasaportes|días|D|S|15|5|r",
            ),
        ),
        (
            "Controlar los flujos migratorios en puntos fronterizos",
            "control migratorio",
            ("Puntos fronterizos con registro biométrico|puntos|A|S|8|24",),
        ),
    ),
    "SRECI": (
        (
            "Brindar asistencia y protección consular a hondureños en el exterior",
            "protección consular",
            ("Casos de protección consular atendidos|casos|A|C|85000|120000",),
        ),
        (
            "Atender a la niñez migrante no acompañada retornada",
            "niñez migrante retornada",
            (
                "Niñas, niños y adolescentes no acompañados con acompañamiento consular"
                "|personas|A|C|5000|8000",
            ),
        ),
        (
            "Promover las exportaciones y la inversión a través de la red diplomática",
            "promoción comercial en el exterior",
            ("Misiones comerciales y de inversión realizadas|misiones|A|C|20|45",),
            "IYC",
        ),
        (
            "Gestionar cooperación internacional no reembolsable",
            "cooperación internacional",
            ("Cooperación no reembolsable suscrita|millones de USD|A|F|180|260|r",),
        ),
    ),
    "FOSMIH": (
        (
            "Apoyar a familias de migrantes en situación de vulnerabilidad",
            "apoyo a familias de migrantes",
            ("Familias de migrantes con apoyo económico|familias|A|C|4000|7000",),
        ),
        (
            "Repatriar restos de hondureños fallecidos en el exterior",
            "repatriación de restos",
            ("Repatriaciones de restos financiadas|repatriaciones|A|C|300|450",),
        ),
        (
            "Apoyar la reintegración de migrantes retornados con discapacidad",
            "reintegración de migrantes con discapacidad",
            ("Migrantes retornados con discapacidad con ayudas técnicas|personas|A|C|200|400",),
        ),
    ),
    "STLCC": (
        (
            "Implementar la Estrategia Nacional de Transparencia y Anticorrupción",
            "estrategia anticorrupción",
            ("Acciones de la estrategia anticorrupción cumplidas|%|A|S|20|80|r",),
        ),
        (
            "Instalar comités de integridad en las instituciones públicas",
            "comités de integridad",
            ("Instituciones con comité de integridad conformado|instituciones|A|S|15|80",),
        ),
        (
            "Atender denuncias ciudadanas de actos de corrupción",
            "denuncias de corrupción",
            ("Denuncias de corrupción tramitadas ante los entes competentes|%|A|S|45|85",),
        ),
    ),
    "IAIP": (
        (
            "Verificar los portales de transparencia de los sujetos obligados",
            "verificación de portales de transparencia",
            ("Sujetos obligados verificados|instituciones|A|S|250|600",),
        ),
        (
            "Resolver los recursos de revisión de acceso a la información",
            "recursos de revisión",
            ("Recursos de revisión resueltos en plazo|%|A|S|62|90",),
        ),
        (
            "Capacitar a oficiales de información pública",
            "capacitación de oficiales de información",
            ("Oficiales de información pública capacitados|personas|A|C|400|900",),
        ),
    ),
    "ONCAE": (
        (
            "Incrementar la transparencia de las compras públicas en HonduCompras",
            "publicación de compras públicas",
            ("Procesos de compra publicados en HonduCompras 2|%|A|S|55|95",),
        ),
        (
            "Ampliar el uso del catálogo electrónico",
            "catálogo electrónico",
            ("Monto adquirido por catálogo electrónico|millones de lempiras|A|F|900|2400",),
        ),
        (
            "Certificar a los compradores públicos",
            "certificación de compradores públicos",
            ("Compradores públicos certificados|personas|A|C|300|800",),
        ),
    ),
    "ONADICI": (
        (
            "Implementar el control interno en las instituciones del Poder Ejecutivo",
            "control interno gubernamental",
            ("Instituciones con autoevaluación de control interno|instituciones|A|S|40|95",),
        ),
        (
            "Fortalecer las unidades de auditoría interna",
            "unidades de auditoría interna",
            ("Unidades de auditoría interna con plan anual aprobado|%|A|S|55|95",),
        ),
        (
            "Dar seguimiento a las recomendaciones de auditoría",
            "seguimiento de auditorías",
            ("Recomendaciones de auditoría con seguimiento documentado|%|A|S|40|80",),
        ),
    ),
    "DNBE": (
        (
            "Registrar y valorizar los bienes del Estado",
            "inventario de bienes del Estado",
            ("Instituciones con inventario de bienes actualizado en el SIAFI|%|A|S|35|85",),
        ),
        (
            "Regularizar los inmuebles del Estado",
            "regularización de inmuebles estatales",
            ("Inmuebles estatales con dominio pleno inscrito|inmuebles|A|C|250|600",),
        ),
        (
            "Subastar y disponer de bienes en desuso",
            "disposición de bienes en desuso",
            ("Lotes de bienes en desuso dispuestos|lotes|A|C|30|80",),
        ),
    ),
    "SAG": (
        (
            "Entregar el bono tecnológico productivo a pequeños productores",
            "bono tecnológico productivo",
            ("Productores beneficiados con bono tecnológico|productores|A|C|180000|260000",),
        ),
        (
            "Brindar asistencia técnica agrícola",
            "asistencia técnica agrícola",
            (
                "Productores con asistencia técnica|productores|A|C|45000|80000",
                "Rendimiento de maíz en fincas asistidas|quintales por manzana|A|S|28|38|r",
            ),
        ),
        (
            "Ampliar la superficie bajo riego",
            "sistemas de riego",
            ("Hectáreas incorporadas a sistemas de riego|hectáreas|A|C|1500|4000",),
        ),
        (
            "Promover prácticas agroforestales sostenibles",
            "sistemas agroforestales",
            ("Hectáreas con sistemas agroforestales establecidos|hectáreas|A|C|2000|5000",),
            "RNACC",
        ),
    ),
    "SENASA": (
        (
            "Vigilar la sanidad animal y vegetal",
            "vigilancia fitozoosanitaria",
            ("Muestras de vigilancia epidemiológica analizadas|muestras|A|C|40000|60000",),
        ),
        (
            "Certificar la inocuidad de los productos agroalimentarios",
            "certificación de inocuidad",
            (
                "Certificados fitozoosanitarios de exportación emitidos|certificados"
                "|A|F|60000|80000",
            ),
        ),
        (
            "Controlar la plaga del gusano barrenador del ganado",
            "control del gusano barrenador",
            ("Casos de gusano barrenador en animales|casos|D|F|2600|600|r",),
        ),
    ),
    "DICTA": (
        (
            "Producir semilla mejorada de granos básicos",
            "producción de semilla mejorada",
            ("Quintales de semilla certificada producidos|quintales|A|F|60000|90000",),
        ),
        (
            "Transferir tecnología agrícola a productores",
            "transferencia de tecnología agrícola",
            ("Productores capacitados en escuelas de campo|productores|A|C|8000|15000",),
        ),
        (
            "Liberar nuevas variedades adaptadas al cambio climático",
            "investigación agrícola",
            ("Variedades tolerantes a sequía liberadas|variedades|A|C|2|6",),
        ),
    ),
    "IHMA": (
        (
            "Mantener la reserva estratégica de granos básicos",
            "reserva estratégica de granos",
            ("Quintales de granos básicos en reserva estratégica|quintales|A|S|300000|600000",),
        ),
        (
            "Comprar cosechas a pequeños productores a precio justo",
            "compra de cosechas",
            ("Quintales comprados a pequeños productores|quintales|A|F|150000|300000",),
        ),
        (
            "Abastecer los mercados con granos a precio regulado",
            "abastecimiento de granos",
            ("Quintales vendidos en ferias y expendios|quintales|A|F|120000|220000",),
        ),
    ),
    "BANADESA": (
        (
            "Colocar crédito agrícola a pequeños productores",
            "crédito agrícola",
            (
                "Créditos agrícolas desembolsados|créditos|A|C|9000|16000",
                "Monto de crédito agrícola desembolsado|millones de lempiras|A|F|1200|2200",
            ),
        ),
        (
            "Reducir la mora de la cartera crediticia",
            "recuperación de cartera",
            ("Índice de mora de la cartera|%|D|S|18|8|r",),
        ),
        (
            "Ampliar los servicios financieros en zonas rurales",
            "servicios financieros rurales",
            ("Agencias y ventanillas rurales operando|agencias|A|S|34|50",),
        ),
    ),
    "INA": (
        (
            "Titular tierras a familias campesinas",
            "titulación agraria",
            ("Títulos de propiedad agraria entregados|títulos|A|C|5000|9000",),
        ),
        (
            "Resolver los conflictos agrarios",
            "conflictos agrarios",
            ("Conflictos agrarios resueltos|casos|A|C|60|150",),
        ),
        (
            "Apoyar a empresas asociativas campesinas",
            "empresas asociativas campesinas",
            ("Empresas asociativas campesinas con asistencia técnica|empresas|A|S|120|260",),
        ),
    ),
    "IHCAFE": (
        (
            "Renovar el parque cafetalero",
            "renovación de cafetales",
            ("Manzanas de café renovadas|manzanas|A|C|15000|30000",),
        ),
        (
            "Mejorar la calidad del café de exportación",
            "calidad del café",
            ("Productores capacitados en beneficiado y calidad|productores|A|C|12000|22000",),
        ),
        (
            "Controlar la roya y la broca del café",
            "manejo de plagas del café",
            ("Fincas con manejo integrado de plagas|fincas|A|C|8000|16000",),
        ),
    ),
    "DIGEPESCA": (
        (
            "Ordenar la pesca artesanal e industrial",
            "ordenamiento pesquero",
            ("Licencias de pesca emitidas con registro satelital|licencias|A|S|900|1500",),
        ),
        (
            "Fomentar la acuicultura familiar",
            "acuicultura familiar",
            ("Familias con proyectos acuícolas|familias|A|C|800|1600",),
        ),
        (
            "Vigilar las vedas pesqueras",
            "vigilancia de vedas",
            ("Operativos de vigilancia de vedas realizados|operativos|A|C|120|240",),
        ),
    ),
    "SEN": (
        (
            "Formular y ejecutar la política energética nacional",
            "planificación energética",
            ("Instrumentos de política energética aprobados|instrumentos|A|C|2|6",),
        ),
        (
            "Electrificar comunidades rurales aisladas",
            "electrificación rural",
            ("Viviendas rurales electrificadas con sistemas solares|viviendas|A|C|6000|14000",),
        ),
        (
            "Promover la eficiencia energética en el sector público",
            "eficiencia energética",
            ("Edificios públicos con auditoría energética|edificios|A|C|40|120",),
        ),
    ),
    "ENEE": (
        (
            "Reducir las pérdidas técnicas y no técnicas de energía",
            "reducción de pérdidas",
            (
                "Pérdidas de energía en distribución|%|D|S|38|25|r",
                "Medidores inteligentes instalados|medidores|A|C|80000|200000",
            ),
        ),
        (
            "Ampliar la red de distribución eléctrica",
            "ampliación de la red eléctrica",
            ("Kilómetros de red de distribución construidos|km|A|C|600|1400",),
        ),
        (
            "Mejorar la continuidad del suministro eléctrico",
            "continuidad del suministro",
            ("Horas promedio de interrupción por usuario|horas|D|S|40|20|r",),
        ),
        (
            "Rehabilitar líneas de transmisión en corredores logísticos",
            "líneas de transmisión en corredores logísticos",
            ("Kilómetros de línea de transmisión rehabilitados|km|A|C|120|300",),
            "IT",
        ),
    ),
    "CREE": (
        (
            "Regular las tarifas eléctricas con transparencia",
            "regulación tarifaria",
            ("Ajustes tarifarios publicados en plazo|%|A|S|75|100",),
        ),
        (
            "Atender reclamos de usuarios del servicio eléctrico",
            "reclamos de usuarios eléctricos",
            ("Reclamos de usuarios resueltos en plazo|%|A|S|55|85",),
        ),
        (
            "Supervisar la calidad del servicio de distribución",
            "supervisión de la calidad eléctrica",
            ("Informes de calidad del servicio publicados|informes|A|C|4|8",),
        ),
    ),
    "SDE": (
        (
            "Brindar servicios de desarrollo empresarial a las MIPYME",
            "servicios de desarrollo empresarial",
            ("MIPYME atendidas en los centros de desarrollo empresarial|empresas|A|C|12000|22000",),
        ),
        (
            "Facilitar el aprovechamiento de los tratados comerciales",
            "administración de tratados",
            ("Certificados de origen emitidos|certificados|A|F|26000|34000",),
        ),
        (
            "Atraer inversión extranjera directa",
            "atracción de inversiones",
            ("Proyectos de inversión acompañados|proyectos|A|C|30|70",),
        ),
        (
            "Promover encadenamientos de las MIPYME con el turismo",
            "encadenamientos turísticos",
            ("MIPYME turísticas vinculadas a cadenas de valor|empresas|A|C|300|800",),
            "TUR",
        ),
    ),
    "SENPRENDE": (
        (
            "Apoyar a emprendedores con capital semilla",
            "capital semilla",
            ("Emprendimientos financiados con capital semilla|emprendimientos|A|C|5000|12000",),
        ),
        (
            "Formalizar pequeños negocios",
            "formalización de negocios",
            ("Pequeños negocios formalizados|negocios|A|C|3000|7000",),
        ),
        (
            "Capacitar a emprendedores en gestión empresarial",
            "formación de emprendedores",
            ("Emprendedores capacitados|personas|A|C|20000|40000",),
        ),
    ),
    "CDPC": (
        (
            "Investigar prácticas anticompetitivas",
            "investigación de prácticas anticompetitivas",
            ("Investigaciones de oficio concluidas|investigaciones|A|C|8|20",),
        ),
        (
            "Analizar las concentraciones económicas en plazo",
            "control de concentraciones",
            ("Concentraciones económicas resueltas en plazo|%|A|S|70|95",),
        ),
        (
            "Promover la cultura de competencia",
            "abogacía de la competencia",
            ("Opiniones de abogacía de la competencia emitidas|opiniones|A|C|6|15",),
        ),
    ),
    "DGPC": (
        (
            "Resolver las denuncias de consumidores",
            "protección al consumidor",
            ("Denuncias de consumidores resueltas|%|A|S|62|85",),
        ),
        (
            "Verificar precios de la canasta básica",
            "verificación de precios",
            ("Establecimientos verificados en precios y pesas|establecimientos|A|C|18000|30000",),
        ),
        (
            "Educar a la población en derechos del consumidor",
            "educación al consumidor",
            ("Personas capacitadas en derechos del consumidor|personas|A|C|8000|15000",),
        ),
    ),
    "SEFIN": (
        (
            "Mejorar la ejecución del presupuesto de inversión pública",
            "inversión pública",
            ("Ejecución del presupuesto de inversión pública|%|A|S|68|90|r",),
        ),
        (
            "Reducir el déficit fiscal de la Administración Central",
            "consolidación fiscal",
            ("Déficit fiscal de la Administración Central|% del PIB|D|S|4.9|1.5|r",),
        ),
        (
            "Gestionar la deuda pública en condiciones favorables",
            "gestión de la deuda pública",
            ("Deuda contratada en condiciones concesionales|%|A|S|55|75",),
        ),
        (
            "Publicar la información fiscal en el Portal de Transparencia Fiscal",
            "transparencia fiscal",
            ("Informes fiscales publicados según calendario|%|A|S|70|100",),
            "TAI",
        ),
    ),
    "BCH": (
        (
            "Mantener la inflación dentro del rango meta",
            "política monetaria",
            ("Publicaciones del Programa Monetario cumplidas en fecha|%|A|S|90|100",),
        ),
        (
            "Mantener un nivel adecuado de reservas internacionales",
            "reservas internacionales",
            ("Meses de importación cubiertos por reservas internacionales|meses|A|S|4.8|5.5",),
        ),
        (
            "Ampliar la inclusión financiera",
            "inclusión financiera",
            ("Cuentas básicas de ahorro abiertas|cuentas|A|C|300000|600000",),
        ),
    ),
    "SAR": (
        (
            "Incrementar la recaudación tributaria",
            "recaudación tributaria",
            (
                "Recaudación tributaria administrada por el SAR|millones de lempiras"
                "|A|F|95000|125000|r",
            ),
        ),
        (
            "Reducir la evasión fiscal",
            "control tributario",
            ("Auditorías y fiscalizaciones concluidas|auditorías|A|C|3500|6000",),
        ),
        (
            "Ampliar el uso de la factura electrónica",
            "factura electrónica",
            ("Contribuyentes emisores de factura electrónica|contribuyentes|A|S|2000|40000",),
        ),
    ),
    "ADUANAS": (
        (
            "Agilizar el despacho aduanero",
            "despacho aduanero",
            ("Tiempo promedio de despacho de importaciones|horas|D|S|48|18|r",),
        ),
        (
            "Combatir el contrabando y la defraudación aduanera",
            "control del contrabando",
            ("Casos de contrabando detectados y denunciados|casos|A|C|900|1500",),
        ),
        (
            "Incrementar la recaudación aduanera",
            "recaudación aduanera",
            ("Recaudación aduanera|millones de lempiras|A|F|40000|52000|r",),
        ),
    ),
    "CNBS": (
        (
            "Supervisar la solvencia del sistema financiero",
            "supervisión financiera",
            ("Instituciones supervisadas con inspección anual|%|A|S|80|100",),
        ),
        (
            "Atender los reclamos de usuarios financieros",
            "protección al usuario financiero",
            ("Reclamos de usuarios financieros resueltos en plazo|%|A|S|60|90",),
        ),
        (
            "Prevenir el lavado de activos",
            "prevención del lavado de activos",
            ("Reportes de operaciones sospechosas analizados|reportes|A|C|1800|3000",),
        ),
    ),
    "INE": (
        (
            "Realizar la Encuesta Permanente de Hogares de Propósitos Múltiples",
            "la encuesta de hogares",
            ("Boletines de la EPHPM publicados en calendario|boletines|A|C|2|3",),
        ),
        (
            "Preparar el Censo Nacional de Población y Vivienda",
            "censo de población",
            ("Avance de la cartografía censal|%|A|S|10|100",),
        ),
        (
            "Producir estadísticas de mercado laboral trimestrales",
            "estadísticas laborales",
            ("Boletines de mercado laboral publicados|boletines|A|C|2|4",),
            "MLPS",
        ),
    ),
    "STSS": (
        (
            "Colocar a personas buscadoras de empleo",
            "intermediación laboral",
            ("Personas colocadas por el Servicio Nacional de Empleo|personas|A|C|18000|36000",),
        ),
        (
            "Inspeccionar el cumplimiento de derechos laborales",
            "inspección del trabajo",
            ("Inspecciones de trabajo realizadas|inspecciones|A|C|14000|24000",),
        ),
        (
            "Erradicar el trabajo infantil",
            "erradicación del trabajo infantil",
            ("Niñas y niños retirados del trabajo infantil|personas|A|C|1500|3000",),
        ),
        (
            "Proteger los derechos laborales de trabajadores migrantes temporales",
            "movilidad laboral temporal",
            ("Trabajadores colocados en programas de movilidad laboral|personas|A|C|3500|9000",),
            "MIG",
        ),
    ),
    "SEDESOL": (
        (
            "Entregar transferencias monetarias condicionadas a hogares en pobreza extrema",
            "transferencias monetarias condicionadas",
            ("Hogares con transferencias monetarias entregadas|hogares|A|S|150000|330000",),
        ),
        (
            "Atender a personas adultas mayores en pobreza",
            "atención al adulto mayor",
            ("Personas adultas mayores con bono o atención|personas|A|S|40000|80000",),
        ),
        (
            "Atender a personas con discapacidad en situación de pobreza",
            "atención a personas con discapacidad",
            ("Personas con discapacidad con ayudas técnicas|personas|A|C|6000|12000",),
        ),
        (
            "Promover la autonomía económica de mujeres jefas de hogar",
            "mujeres jefas de hogar",
            ("Mujeres jefas de hogar con emprendimiento apoyado|mujeres|A|C|4000|9000",),
            "GEN",
        ),
    ),
    "PRS": (
        (
            "Focalizar los programas sociales en los hogares más pobres",
            "focalización social",
            (
                "Hogares registrados en el Registro Único de Participantes|hogares"
                "|A|S|600000|900000",
            ),
        ),
        (
            "Implementar la estrategia de acompañamiento familiar",
            "acompañamiento familiar",
            ("Familias con plan de acompañamiento|familias|A|C|30000|60000",),
        ),
        (
            "Mejorar viviendas de familias en pobreza extrema",
            "mejoramiento de viviendas",
            ("Viviendas con piso, techo o ecofogón mejorado|viviendas|A|C|8000|15000",),
        ),
    ),
    "INFOP": (
        (
            "Formar técnicamente a jóvenes y adultos",
            "formación profesional",
            ("Personas egresadas de formación profesional|personas|A|C|95000|140000",),
        ),
        (
            "Certificar competencias laborales",
            "certificación de competencias",
            ("Trabajadores con competencias certificadas|personas|A|C|5000|12000",),
        ),
        (
            "Implementar la formación dual con empresas",
            "formación dual",
            ("Aprendices en modalidad dual|personas|A|C|1500|4000",),
        ),
    ),
    "INJUPEMP": (
        (
            "Pagar oportunamente las pensiones de los servidores públicos",
            "pago de pensiones",
            ("Pensiones pagadas en fecha|%|A|S|95|100",),
        ),
        (
            "Mejorar el rendimiento de las inversiones del fondo",
            "inversiones del fondo",
            ("Rendimiento real de la cartera de inversiones|%|A|S|3.5|5|r",),
        ),
        (
            "Agilizar el trámite de jubilación",
            "trámite de jubilación",
            ("Días promedio de resolución de jubilaciones|días|D|S|120|45|r",),
        ),
    ),
    "INPREMA": (
        (
            "Pagar oportunamente las pensiones del magisterio",
            "pensiones del magisterio",
            ("Pensiones del magisterio pagadas en fecha|%|A|S|95|100",),
        ),
        (
            "Otorgar préstamos personales a docentes afiliados",
            "préstamos a docentes",
            ("Préstamos otorgados a docentes|préstamos|A|C|12000|20000",),
        ),
        (
            "Mejorar la sostenibilidad actuarial del instituto",
            "sostenibilidad actuarial",
            ("Estudios actuariales actualizados|estudios|A|C|1|2",),
        ),
    ),
    "IPM": (
        (
            "Pagar oportunamente las prestaciones previsionales militares",
            "prestaciones previsionales",
            ("Prestaciones pagadas en fecha|%|A|S|92|100",),
        ),
        (
            "Ampliar los servicios de salud para afiliados",
            "servicios de salud para afiliados",
            ("Atenciones médicas a afiliados|atenciones|A|F|60000|90000",),
        ),
        (
            "Diversificar la cartera de inversiones",
            "cartera de inversiones",
            ("Rendimiento real de la cartera|%|A|S|3|4.5|r",),
        ),
    ),
    "INJ": (
        (
            "Promover la participación juvenil",
            "participación juvenil",
            ("Jóvenes participantes en consejos municipales de juventud|personas|A|S|3000|8000",),
        ),
        (
            "Prevenir la violencia juvenil en municipios priorizados",
            "prevención de la violencia",
            ("Jóvenes en programas de prevención de la violencia|personas|A|C|10000|25000",),
        ),
        (
            "Apoyar emprendimientos juveniles",
            "emprendimientos juveniles",
            ("Emprendimientos juveniles financiados|emprendimientos|A|C|800|2000",),
        ),
    ),
    "CENET": (
        (
            "Formar docentes de educación técnica",
            "formación de docentes técnicos",
            ("Docentes de educación técnica capacitados|docentes|A|C|1200|2500",),
        ),
        (
            "Desarrollar programas de educación para el trabajo",
            "educación para el trabajo",
            ("Participantes en cursos de educación para el trabajo|personas|A|C|5000|10000",),
        ),
        (
            "Actualizar los currículos de formación técnica",
            "currículos técnicos",
            ("Currículos técnicos actualizados|currículos|A|C|6|15",),
        ),
    ),
    "SERNA": (
        (
            "Resolver las licencias ambientales en el plazo legal",
            "licenciamiento ambiental",
            ("Licencias ambientales resueltas en plazo|%|A|S|52|85",),
        ),
        (
            "Controlar y dar seguimiento a los compromisos ambientales",
            "control ambiental",
            ("Inspecciones de control y seguimiento ambiental|inspecciones|A|C|1500|3000",),
        ),
        (
            "Reducir las emisiones de gases de efecto invernadero",
            "mitigación del cambio climático",
            ("Acciones de la contribución nacionalmente determinada con reporte|%|A|S|20|70",),
        ),
        (
            "Elaborar planes de adaptación climática con municipios expuestos a amenazas",
            "adaptación climática municipal",
            ("Municipios con plan de adaptación elaborado|municipios|A|S|24|80",),
            "GR",
        ),
    ),
    "ICF": (
        (
            "Reforestar y restaurar áreas degradadas",
            "restauración forestal",
            ("Hectáreas reforestadas o en restauración|hectáreas|A|C|18000|32000",),
        ),
        (
            "Prevenir y combatir los incendios forestales",
            "protección contra incendios",
            (
                "Superficie afectada por incendios|hectáreas|D|F|62000|35000|r",
                "Brigadas contra incendios equipadas|brigadas|A|S|200|400",
            ),
        ),
        (
            "Proteger las áreas protegidas",
            "áreas protegidas",
            ("Áreas protegidas con plan de manejo vigente|áreas|A|S|35|65",),
        ),
        (
            "Fomentar la producción agroforestal comunitaria",
            "agroforestería comunitaria",
            ("Familias con sistemas agroforestales comunitarios|familias|A|C|2000|5000",),
            "AGRO",
        ),
    ),
    "INHGEOMIN": (
        (
            "Fiscalizar la actividad minera",
            "fiscalización minera",
            ("Inspecciones a concesiones mineras|inspecciones|A|C|300|600",),
        ),
        (
            "Actualizar el catastro minero",
            "catastro minero",
            ("Concesiones mineras con catastro actualizado|%|A|S|50|90",),
        ),
        (
            "Elaborar mapas geológicos y de amenazas",
            "cartografía geológica",
            ("Hojas cartográficas geológicas elaboradas|hojas|A|C|4|12",),
        ),
    ),
    "CONATEL": (
        (
            "Ampliar la conectividad en centros educativos y de salud",
            "conectividad social",
            ("Centros públicos conectados a internet|establecimientos|A|S|2100|6500",),
        ),
        (
            "Atender los reclamos de usuarios de telecomunicaciones",
            "reclamos de usuarios",
            ("Reclamos resueltos en plazo|%|A|S|66|90",),
        ),
        (
            "Administrar el espectro radioeléctrico",
            "administración del espectro",
            ("Monitoreos del espectro radioeléctrico realizados|monitoreos|A|C|200|400",),
        ),
    ),
    "HONDUTEL": (
        (
            "Ampliar el servicio de internet fijo",
            "internet fijo",
            ("Nuevas conexiones de internet fijo|conexiones|A|C|15000|40000",),
        ),
        (
            "Mejorar la sostenibilidad financiera de la empresa",
            "sostenibilidad financiera",
            ("Ingresos operativos|millones de lempiras|A|F|900|1100|r",),
        ),
        (
            "Modernizar la red de fibra óptica",
            "red de fibra óptica",
            ("Kilómetros de fibra óptica instalados|km|A|C|300|900",),
        ),
        (
            "Conectar universidades y centros de investigación a la red académica",
            "red académica de investigación",
            ("Centros de investigación conectados a la red académica|centros|A|S|6|20",),
            "CTI",
        ),
    ),
    "HONDUCOR": (
        (
            "Modernizar el servicio postal",
            "servicio postal",
            ("Envíos entregados en el plazo ofrecido|%|A|S|70|92",),
        ),
        (
            "Ampliar la red de oficinas postales",
            "red postal",
            ("Oficinas postales operando|oficinas|A|S|110|150",),
        ),
        (
            "Desarrollar servicios de paquetería para MIPYME",
            "paquetería para MIPYME",
            ("Envíos de paquetería de MIPYME|envíos|A|F|40000|90000",),
        ),
    ),
    "TNH": (
        (
            "Ampliar la cobertura de la televisión pública digital",
            "televisión pública digital",
            ("Municipios con señal de Canal 8|municipios|A|S|40|120",),
        ),
        (
            "Producir contenidos educativos y culturales",
            "contenidos educativos",
            ("Horas de programación educativa y cultural transmitidas|horas|A|F|1200|2000",),
        ),
        (
            "Transmitir información pública con accesibilidad",
            "información accesible",
            ("Programas informativos con lengua de señas|%|A|S|20|80",),
        ),
    ),
    "IHT": (
        (
            "Promover el país como destino turístico",
            "promoción turística",
            (
                "Campañas de promoción turística internacional ejecutadas|campañas|A|C|6|12",
                "Turistas que pernoctan|personas|A|F|800000|1100000|r",
            ),
        ),
        (
            "Certificar la calidad de los servicios turísticos",
            "certificación turística",
            ("Empresas turísticas con sello de calidad|empresas|A|S|120|400",),
        ),
        (
            "Desarrollar infraestructura turística en destinos priorizados",
            "infraestructura turística",
            ("Obras de infraestructura turística terminadas|obras|A|C|10|30",),
        ),
    ),
    "ZOLITUR": (
        (
            "Conservar los arrecifes de Islas de la Bahía",
            "conservación de arrecifes",
            ("Sitios de arrecife con monitoreo|sitios|A|S|18|40",),
        ),
        (
            "Gestionar los residuos sólidos en las islas",
            "gestión de residuos sólidos",
            ("Toneladas de residuos sólidos con disposición adecuada|toneladas|A|F|9000|14000",),
        ),
        (
            "Recaudar la tasa turística de la zona libre",
            "tasa turística",
            ("Recaudación de la tasa turística|millones de lempiras|A|F|60|90|r",),
        ),
    ),
    "SANAA": (
        (
            "Mejorar el suministro de agua potable en la capital",
            "suministro de agua en la capital",
            ("Horas diarias promedio de servicio de agua en Tegucigalpa|horas|A|S|8|14|r",),
        ),
        ("Reducir el agua no facturada", "agua no facturada", ("Agua no facturada|%|D|S|48|35|r",)),
        (
            "Rehabilitar sistemas de agua en comunidades rurales",
            "sistemas rurales de agua",
            ("Sistemas rurales de agua rehabilitados|sistemas|A|C|60|140",),
        ),
    ),
    "ERSAPS": (
        (
            "Regular a los prestadores de servicios de agua y saneamiento",
            "regulación de prestadores",
            ("Prestadores regulados con tarifa aprobada|prestadores|A|S|180|420",),
        ),
        (
            "Monitorear la calidad del agua para consumo humano",
            "calidad del agua",
            ("Muestras de calidad del agua que cumplen la norma|%|A|S|68|90",),
        ),
        (
            "Fortalecer las comisiones municipales de agua",
            "comisiones municipales de agua",
            ("Comisiones municipales de agua y saneamiento juramentadas|comisiones|A|S|150|280",),
        ),
    ),
    "SEDECOAS": (
        (
            "Construir sistemas de agua potable en comunidades rurales",
            "agua potable rural",
            ("Personas con nuevo acceso a agua potable|personas|A|C|90000|160000",),
        ),
        (
            "Construir soluciones de saneamiento básico",
            "saneamiento básico",
            ("Letrinas y sistemas de saneamiento construidos|unidades|A|C|12000|22000",),
        ),
        (
            "Ejecutar proyectos de desarrollo comunitario",
            "proyectos comunitarios",
            ("Proyectos comunitarios finalizados|proyectos|A|C|300|600",),
        ),
    ),
    "CONASA": (
        (
            "Actualizar la política nacional de agua y saneamiento",
            "política de agua y saneamiento",
            ("Instrumentos de política de agua aprobados|instrumentos|A|C|1|4",),
        ),
        (
            "Coordinar la inversión sectorial en agua y saneamiento",
            "coordinación sectorial",
            ("Inversión sectorial registrada en el plan nacional|%|A|S|40|85",),
        ),
        (
            "Monitorear los indicadores del sector agua y saneamiento",
            "monitoreo sectorial",
            ("Municipios que reportan al sistema de información sectorial|municipios|A|S|90|220",),
        ),
    ),
    "SEDUC": (
        (
            "Ampliar la cobertura de la educación prebásica",
            "educación prebásica",
            ("Niñas y niños de 5 años matriculados en prebásica|estudiantes|A|S|215000|260000",),
        ),
        (
            "Reducir la deserción escolar en educación básica",
            "permanencia escolar",
            (
                "Tasa de deserción escolar en educación básica|%|D|S|3.8|2|r",
                "Centros educativos con merienda escolar entregada|%|A|S|85|98",
            ),
        ),
        (
            "Formar a los docentes en servicio",
            "formación docente",
            ("Docentes certificados en formación continua|docentes|A|C|9000|16000",),
        ),
        (
            "Reparar y construir centros educativos",
            "infraestructura escolar",
            ("Centros educativos reparados o construidos|centros|A|C|450|900",),
        ),
        (
            "Dotar de equipamiento tecnológico a centros educativos",
            "equipamiento tecnológico escolar",
            (
                "Centros educativos con laboratorio de computación funcionando|centros"
                "|A|S|1500|3000",
            ),
            "CTI",
        ),
    ),
    "UNAH": (
        (
            "Ampliar la matrícula universitaria",
            "acceso a la educación superior",
            ("Estudiantes matriculados|estudiantes|A|S|90000|105000",),
        ),
        (
            "Incrementar la eficiencia terminal",
            "graduación universitaria",
            ("Graduados de grado|personas|A|F|9000|12000|r",),
        ),
        (
            "Fortalecer la investigación científica universitaria",
            "investigación universitaria",
            ("Proyectos de investigación financiados|proyectos|A|C|150|300",),
            "CTI",
        ),
        (
            "Formar especialistas médicos para la red hospitalaria",
            "formación de especialistas médicos",
            ("Médicos especialistas graduados|personas|A|F|180|260",),
            "SAL",
        ),
    ),
    "UPNFM": (
        (
            "Formar docentes de educación básica y media",
            "formación inicial docente",
            ("Docentes graduados|personas|A|F|1800|2400",),
        ),
        (
            "Profesionalizar a docentes en servicio",
            "profesionalización docente",
            ("Docentes en servicio profesionalizados|docentes|A|C|3000|6000",),
        ),
        (
            "Evaluar el rendimiento académico nacional",
            "evaluación de aprendizajes",
            ("Informes nacionales de rendimiento académico publicados|informes|A|C|1|2",),
        ),
    ),
    "UNAG": (
        (
            "Formar profesionales en ciencias agrícolas",
            "formación agrícola",
            ("Graduados en ciencias agrícolas|personas|A|F|700|900",),
        ),
        (
            "Transferir tecnología a productores",
            "extensión universitaria agrícola",
            ("Productores atendidos por extensión universitaria|productores|A|C|2000|5000",),
        ),
        (
            "Producir alimentos en las unidades productivas de la universidad",
            "unidades productivas universitarias",
            ("Toneladas de alimentos producidas|toneladas|A|F|1200|1600|r",),
        ),
    ),
    "UNACIFOR": (
        (
            "Formar técnicos y profesionales forestales",
            "formación forestal",
            ("Graduados en ciencias forestales|personas|A|F|250|350",),
        ),
        (
            "Investigar en manejo forestal y cambio climático",
            "investigación forestal",
            ("Investigaciones forestales publicadas|investigaciones|A|C|10|25",),
        ),
        (
            "Producir plantas para reforestación",
            "vivero forestal",
            ("Plantas producidas en vivero|plantas|A|F|400000|700000",),
        ),
    ),
    "CONEANFO": (
        (
            "Alfabetizar a jóvenes y adultos",
            "alfabetización",
            ("Personas jóvenes y adultas alfabetizadas|personas|A|C|25000|50000",),
        ),
        (
            "Ofrecer educación alternativa no formal",
            "educación no formal",
            ("Participantes en programas de educación no formal|personas|A|C|30000|55000",),
        ),
        (
            "Acreditar centros de educación no formal",
            "acreditación de centros",
            ("Centros de educación no formal acreditados|centros|A|S|200|450",),
        ),
    ),
    "EDUCREDITO": (
        (
            "Otorgar crédito educativo a estudiantes de escasos recursos",
            "crédito educativo",
            ("Créditos educativos otorgados|créditos|A|C|1500|3000",),
        ),
        (
            "Recuperar la cartera de crédito educativo",
            "recuperación de cartera",
            ("Índice de mora de la cartera educativa|%|D|S|22|10|r",),
        ),
        (
            "Otorgar becas en carreras técnicas prioritarias",
            "becas técnicas",
            ("Becas técnicas otorgadas|becas|A|C|800|2000",),
        ),
    ),
    "COPECO": (
        (
            "Organizar y capacitar los comités de emergencia municipal",
            "comités de emergencia",
            ("CODEM organizados y capacitados|municipios|A|S|150|298",),
        ),
        (
            "Responder oportunamente a las emergencias",
            "respuesta a emergencias",
            (
                "Familias afectadas con asistencia humanitaria en 72 horas|%|A|S|60|90|r",
                "Raciones de alimentos entregadas|raciones|A|F|120000|150000",
            ),
        ),
        (
            "Construir obras de mitigación en zonas de riesgo",
            "obras de mitigación",
            ("Obras de mitigación terminadas|obras|A|C|60|140",),
        ),
        (
            "Restaurar microcuencas en zonas de riesgo de deslizamiento",
            "restauración de microcuencas",
            ("Microcuencas restauradas|microcuencas|A|C|10|30",),
            "RNACC",
        ),
    ),
    "CBH": (
        (
            "Atender oportunamente los incendios y emergencias",
            "atención de emergencias",
            ("Tiempo promedio de respuesta a incendios estructurales|minutos|D|S|18|10|r",),
        ),
        (
            "Inspeccionar la seguridad contra incendios en edificaciones",
            "prevención de incendios",
            ("Inspecciones de seguridad contra incendios|inspecciones|A|C|12000|20000",),
        ),
        (
            "Capacitar a la población en prevención de incendios",
            "educación preventiva",
            ("Personas capacitadas en prevención de incendios|personas|A|C|40000|70000",),
        ),
    ),
    "CENAOS": (
        (
            "Emitir pronósticos y alertas hidrometeorológicas",
            "pronóstico hidrometeorológico",
            ("Boletines de pronóstico emitidos en horario|%|A|S|85|99",),
        ),
        (
            "Ampliar la red de estaciones de monitoreo",
            "red de monitoreo",
            ("Estaciones hidrometeorológicas operando en tiempo real|estaciones|A|S|140|260",),
        ),
        (
            "Monitorear la actividad sísmica y oceanográfica",
            "monitoreo sísmico",
            ("Estaciones sísmicas operando|estaciones|A|S|12|30",),
        ),
    ),
    "CCIVS": (
        (
            "Construir y mantener bordos en el Valle de Sula",
            "bordos de protección",
            ("Kilómetros de bordos construidos o reparados|km|A|C|20|60",),
        ),
        (
            "Dragar los ríos del Valle de Sula",
            "dragado de ríos",
            ("Metros cúbicos de material dragado|metros cúbicos|A|F|800000|1200000",),
        ),
        (
            "Proteger a la población del Valle de Sula ante inundaciones",
            "control de inundaciones",
            ("Población protegida por obras de control|personas|A|S|380000|650000|r",),
        ),
    ),
    "SIT": (
        (
            "Construir y rehabilitar carreteras pavimentadas",
            "la red vial pavimentada",
            ("Kilómetros pavimentados construidos o rehabilitados|km|A|C|180|420",),
        ),
        (
            "Supervisar la calidad de las obras viales",
            "supervisión de obras viales",
            ("Proyectos viales con supervisión externa|%|A|S|60|95",),
        ),
        (
            "Construir puentes en la red vial",
            "construcción de puentes",
            ("Puentes construidos o reemplazados|puentes|A|C|25|60",),
        ),
        (
            "Rehabilitar carreteras afectadas por tormentas",
            "rehabilitación de vías afectadas",
            ("Tramos afectados por tormentas rehabilitados|tramos|A|C|30|80",),
            "GR",
        ),
    ),
    "IHTT": (
        (
            "Ordenar el transporte público de pasajeros",
            "ordenamiento del transporte",
            ("Unidades con permiso de operación vigente|%|A|S|62|90",),
        ),
        (
            "Entregar el subsidio al transporte urbano",
            "subsidio al transporte",
            ("Unidades de transporte con subsidio liquidado en plazo|%|A|S|70|95",),
        ),
        (
            "Instalar dispositivos de seguridad en unidades de transporte",
            "seguridad en el transporte",
            ("Unidades con GPS y cámaras instaladas|unidades|A|S|3000|9000",),
        ),
    ),
    "AHAC": (
        (
            "Certificar la seguridad operacional de los aeródromos",
            "seguridad aeroportuaria",
            ("Aeródromos certificados|aeródromos|A|S|3|6",),
        ),
        (
            "Supervisar a los operadores aéreos",
            "supervisión aeronáutica",
            ("Inspecciones a operadores aéreos|inspecciones|A|C|300|500",),
        ),
        (
            "Mejorar la conectividad aérea",
            "conectividad aérea",
            ("Rutas aéreas internacionales operando|rutas|A|S|30|45|r",),
        ),
    ),
    "DGMM": (
        (
            "Registrar y certificar embarcaciones",
            "registro de embarcaciones",
            ("Embarcaciones con certificado de seguridad vigente|embarcaciones|A|S|900|1400",),
        ),
        (
            "Inspeccionar buques en puerto",
            "inspección de buques",
            ("Inspecciones a buques extranjeros|inspecciones|A|C|400|600",),
        ),
        (
            "Formar gente de mar",
            "formación marítima",
            ("Marinos certificados|personas|A|C|3000|5000",),
        ),
    ),
    "ENP": (
        (
            "Modernizar la operación portuaria",
            "operación portuaria",
            ("Carga movilizada por Puerto Cortés|millones de toneladas|A|F|12|14|r",),
        ),
        (
            "Reducir el tiempo de estadía de buques",
            "eficiencia portuaria",
            ("Horas promedio de estadía de buques en puerto|horas|D|S|40|24|r",),
        ),
        (
            "Mantener la infraestructura portuaria",
            "mantenimiento portuario",
            ("Obras de mantenimiento portuario ejecutadas|obras|A|C|10|25",),
        ),
    ),
    "FV": (
        (
            "Mantener la red vial no pavimentada",
            "mantenimiento de la red no pavimentada",
            ("Kilómetros de red no pavimentada con mantenimiento|km|A|C|3500|6000",),
        ),
        (
            "Mantener la red vial pavimentada",
            "mantenimiento de la red pavimentada",
            ("Kilómetros de red pavimentada con mantenimiento rutinario|km|A|C|2500|3800",),
        ),
        (
            "Contratar microempresas de mantenimiento vial",
            "microempresas de mantenimiento vial",
            ("Microempresas asociativas de mantenimiento contratadas|microempresas|A|S|120|220",),
        ),
    ),
    "FNH": (
        (
            "Rehabilitar la vía férrea para el transporte de carga",
            "vía férrea",
            ("Kilómetros de vía férrea rehabilitados|km|A|C|5|20",),
        ),
        (
            "Administrar los bienes del ferrocarril",
            "bienes del ferrocarril",
            ("Inmuebles del ferrocarril con contrato de arrendamiento vigente|%|A|S|40|80",),
        ),
        (
            "Operar el tren turístico",
            "tren turístico",
            ("Pasajeros del tren turístico|personas|A|F|8000|15000",),
        ),
    ),
    "FHIS": (
        (
            "Construir infraestructura social comunitaria",
            "infraestructura social",
            ("Proyectos de infraestructura social terminados|proyectos|A|C|500|900",),
        ),
        (
            "Ejecutar proyectos con participación comunitaria",
            "proyectos con participación comunitaria",
            ("Proyectos ejecutados por núcleos ejecutores comunitarios|%|A|S|25|45",),
        ),
        (
            "Construir sistemas de agua en comunidades rurales",
            "sistemas de agua comunitarios",
            ("Sistemas de agua comunitarios construidos|sistemas|A|C|80|200",),
            "AYS",
        ),
    ),
    "COALIANZA": (
        (
            "Estructurar proyectos de alianza público-privada",
            "alianzas público-privadas",
            ("Proyectos APP estructurados|proyectos|A|C|2|6",),
        ),
        (
            "Supervisar los contratos de APP vigentes",
            "supervisión de contratos APP",
            ("Contratos APP con informe de desempeño anual|%|A|S|60|100",),
        ),
        (
            "Publicar la información de las APP",
            "transparencia de las APP",
            ("Contratos APP publicados en el portal|%|A|S|50|100",),
        ),
    ),
    "SESAL": (
        (
            "Vacunar a la población infantil con el esquema completo",
            "vacunación infantil",
            (
                "Cobertura de pentavalente tercera dosis en menores de 1 año|%|A|S|82|95|r",
                "Dosis de vacunas aplicadas en menores de 5 años|dosis|A|F|1900000|2300000",
            ),
        ),
        (
            "Atender el parto institucional y la salud materna",
            "salud materna",
            (
                "Partos atendidos en establecimientos de salud|%|A|S|78|90|r",
                "Embarazadas con cuatro atenciones prenatales|embarazadas|A|F|120000|150000",
            ),
        ),
        (
            "Controlar el dengue y la malaria",
            "control de vectores",
            (
                "Casos de dengue notificados|casos|D|F|42000|20000|r",
                "Viviendas inspeccionadas y tratadas contra el vector|viviendas|A|C|700000|1100000",
            ),
        ),
        (
            "Ampliar los equipos de salud familiar",
            "equipos de salud familiar",
            ("Equipos de salud familiar funcionando|equipos|A|S|450|900",),
        ),
        (
            "Abastecer de medicamentos a la red hospitalaria",
            "abastecimiento de medicamentos",
            (
                "Hospitales con abastecimiento de medicamentos trazadores superior a 80 %"
                "|%|A|S|40|85",
            ),
        ),
    ),
    "ARSA": (
        (
            "Resolver los registros sanitarios en el plazo legal",
            "registro sanitario",
            ("Registros sanitarios resueltos en plazo|%|A|S|48|85",),
        ),
        (
            "Vigilar la calidad de medicamentos en el mercado",
            "vigilancia de medicamentos",
            ("Muestras de medicamentos analizadas|muestras|A|C|2000|3500",),
        ),
        (
            "Inspeccionar establecimientos de alimentos y farmacias",
            "inspección sanitaria",
            ("Establecimientos inspeccionados|establecimientos|A|C|9000|15000",),
        ),
    ),
    "IHSS": (
        (
            "Ampliar la cobertura de afiliados",
            "afiliación a la seguridad social",
            ("Trabajadores afiliados cotizantes|personas|A|S|750000|900000",),
            "MLPS",
        ),
        (
            "Reducir los tiempos de espera para consulta de especialidad",
            "consulta especializada",
            ("Días promedio de espera para consulta de especialidad|días|D|S|60|20|r",),
        ),
        (
            "Garantizar el abastecimiento de medicamentos a derechohabientes",
            "medicamentos para derechohabientes",
            ("Recetas despachadas completas|%|A|S|80|95",),
        ),
    ),
    "IHADFA": (
        (
            "Prevenir el consumo de drogas en centros educativos",
            "prevención de adicciones",
            ("Estudiantes participantes en programas de prevención|estudiantes|A|C|40000|80000",),
        ),
        (
            "Atender a personas con problemas de adicción",
            "tratamiento de adicciones",
            ("Personas atendidas en consulta y tratamiento|personas|A|C|3000|5000",),
        ),
        (
            "Investigar la prevalencia del consumo de drogas",
            "observatorio de drogas",
            ("Estudios de prevalencia publicados|estudios|A|C|1|2",),
        ),
    ),
    "CONVIVIENDA": (
        (
            "Entregar soluciones habitacionales a familias de bajos ingresos",
            "soluciones habitacionales",
            (
                "Viviendas nuevas entregadas|viviendas|A|C|4500|9000",
                "Familias con bono de vivienda aplicado|familias|A|C|5000|10000",
            ),
        ),
        (
            "Mejorar viviendas precarias",
            "mejoramiento de vivienda",
            ("Viviendas mejoradas|viviendas|A|C|6000|12000",),
        ),
        (
            "Reubicar familias que viven en zonas de alto riesgo",
            "reasentamiento",
            ("Familias reubicadas|familias|A|C|400|1200",),
        ),
    ),
    "BANHPROVI": (
        (
            "Financiar vivienda social",
            "crédito para vivienda social",
            (
                "Créditos de vivienda social otorgados|créditos|A|C|3000|6000",
                "Monto colocado en vivienda social|millones de lempiras|A|F|1800|3200",
            ),
        ),
        (
            "Financiar a la MIPYME productiva",
            "crédito productivo",
            ("Monto colocado a MIPYME|millones de lempiras|A|F|2500|4000",),
        ),
        (
            "Mantener una cartera sana",
            "calidad de cartera",
            ("Índice de mora de la cartera de segundo piso|%|D|S|4|2.5|r",),
        ),
    ),
    "SENACIT": (
        (
            "Financiar proyectos de investigación e innovación",
            "financiamiento de la investigación",
            ("Proyectos de investigación financiados|proyectos|A|C|40|90",),
        ),
        (
            "Promover las vocaciones científicas en estudiantes",
            "vocaciones científicas",
            ("Estudiantes en ferias y olimpiadas científicas|estudiantes|A|C|15000|28000",),
        ),
        (
            "Impulsar la transformación digital del Estado",
            "gobierno digital",
            ("Trámites públicos disponibles en línea|trámites|A|S|120|400",),
        ),
    ),
    "IHCIETI": (
        (
            "Registrar y acreditar a investigadores nacionales",
            "registro de investigadores",
            ("Investigadores registrados|personas|A|S|900|1600",),
        ),
        (
            "Otorgar becas de posgrado en ciencia y tecnología",
            "becas de posgrado",
            ("Becas de posgrado otorgadas|becas|A|C|60|150",),
        ),
        (
            "Apoyar la publicación científica nacional",
            "publicación científica",
            ("Artículos científicos con apoyo publicados|artículos|A|F|60|120",),
        ),
    ),
    "SECAPPH": (
        (
            "Proteger el patrimonio cultural de los pueblos",
            "protección del patrimonio cultural",
            ("Bienes culturales inventariados|bienes|A|S|2400|4200",),
        ),
        (
            "Fomentar las expresiones artísticas",
            "fomento artístico",
            ("Artistas y gestores culturales apoyados|personas|A|C|1500|3500",),
        ),
        (
            "Revitalizar las lenguas de los pueblos indígenas y afrohondureños",
            "revitalización de lenguas",
            ("Personas en talleres de lenguas originarias|personas|A|C|2000|5000",),
        ),
    ),
    "IHAH": (
        (
            "Conservar los sitios arqueológicos",
            "conservación arqueológica",
            ("Sitios arqueológicos con plan de conservación|sitios|A|S|10|25",),
        ),
        (
            "Recibir visitantes en parques arqueológicos y museos",
            "visitación de sitios",
            ("Visitantes a parques arqueológicos y museos|personas|A|F|320000|450000|r",),
        ),
        (
            "Registrar bienes arqueológicos en colecciones",
            "registro de colecciones",
            ("Piezas arqueológicas registradas|piezas|A|C|5000|12000",),
        ),
    ),
    "CONDEPOR": (
        (
            "Masificar la práctica deportiva",
            "deporte para todos",
            ("Participantes en escuelas deportivas|personas|A|S|18000|35000",),
        ),
        (
            "Rehabilitar instalaciones deportivas",
            "infraestructura deportiva",
            ("Instalaciones deportivas rehabilitadas|instalaciones|A|C|40|110",),
        ),
        (
            "Apoyar a atletas de alto rendimiento",
            "deporte de alto rendimiento",
            ("Atletas con beca deportiva|atletas|A|S|150|300",),
        ),
    ),
    "SEMUJER": (
        (
            "Atender a mujeres sobrevivientes de violencia",
            "atención a mujeres sobrevivientes",
            ("Mujeres atendidas en casas refugio y centros de atención|mujeres|A|C|12000|20000",),
        ),
        (
            "Transversalizar el enfoque de género en las instituciones",
            "transversalización de género",
            ("Instituciones con unidad de género funcionando|instituciones|A|S|30|75",),
        ),
        (
            "Promover la autonomía económica de las mujeres",
            "autonomía económica de las mujeres",
            ("Mujeres con crédito o capital semilla|mujeres|A|C|12000|25000",),
        ),
        (
            "Promover la participación política de las mujeres",
            "participación política",
            ("Mujeres formadas en liderazgo político|mujeres|A|C|2000|5000",),
            "DDHH",
        ),
    ),
    "PCM-CM": (
        (
            "Brindar servicios integrales en los centros Ciudad Mujer",
            "servicios de Ciudad Mujer",
            ("Servicios brindados a mujeres en Ciudad Mujer|servicios|A|F|280000|380000",),
        ),
        (
            "Atender a mujeres víctimas de violencia en Ciudad Mujer",
            "atención a la violencia",
            ("Mujeres víctimas de violencia atendidas|mujeres|A|C|28000|45000",),
        ),
        (
            "Ampliar la red de centros Ciudad Mujer",
            "red de centros Ciudad Mujer",
            ("Centros Ciudad Mujer operando|centros|A|S|6|9",),
        ),
    ),
    "SEDENA": (
        (
            "Controlar el territorio y las fronteras",
            "control fronterizo",
            ("Operaciones de control territorial|operaciones|A|C|1800|2600",),
        ),
        (
            "Apoyar a la población en emergencias y desastres",
            "apoyo en emergencias",
            ("Misiones de apoyo humanitario realizadas|misiones|A|C|200|350",),
        ),
        (
            "Proteger las áreas protegidas y los recursos naturales",
            "protección ambiental militar",
            ("Patrullajes en áreas protegidas|patrullajes|A|C|1200|2000",),
        ),
    ),
    "SEDS": (
        (
            "Reducir los homicidios en municipios priorizados",
            "prevención de homicidios",
            (
                "Homicidios registrados|homicidios|D|F|3600|2200|r",
                "Patrullajes preventivos en municipios priorizados|patrullajes|A|F|90000|120000",
            ),
        ),
        (
            "Esclarecer los delitos contra la vida",
            "investigación criminal",
            ("Casos de homicidio esclarecidos|%|A|S|18|40|r",),
        ),
        (
            "Desarticular estructuras de extorsión",
            "combate a la extorsión",
            ("Estructuras criminales desarticuladas|estructuras|A|C|55|120",),
        ),
        (
            "Profesionalizar a la Policía Nacional",
            "formación policial",
            ("Policías graduados|personas|A|F|2500|3500",),
        ),
        (
            "Atender las denuncias de violencia contra las mujeres",
            "atención policial a mujeres",
            ("Denuncias de violencia doméstica atendidas|%|A|S|60|90",),
            "GEN",
        ),
    ),
    "INP": (
        (
            "Reducir el hacinamiento penitenciario",
            "capacidad penitenciaria",
            ("Hacinamiento penitenciario|%|D|S|56|20|r",),
        ),
        (
            "Incorporar a privados de libertad en programas de reinserción",
            "reinserción social",
            ("Privados de libertad en programas educativos o laborales|personas|A|S|5000|9000",),
        ),
        (
            "Controlar el ingreso de objetos ilícitos a centros penales",
            "seguridad penitenciaria",
            ("Requisas realizadas en centros penales|requisas|A|C|300|600",),
        ),
    ),
    "PNPRRS": (
        (
            "Rehabilitar a jóvenes en riesgo social",
            "rehabilitación de jóvenes",
            ("Jóvenes en programas de rehabilitación|personas|A|C|3000|6000",),
        ),
        (
            "Reinsertar laboralmente a jóvenes rehabilitados",
            "reinserción laboral",
            ("Jóvenes rehabilitados con empleo o emprendimiento|personas|A|C|600|1500|r",),
        ),
        (
            "Prevenir la violencia en barrios priorizados",
            "prevención comunitaria",
            ("Barrios con programa de prevención funcionando|barrios|A|S|60|150",),
        ),
    ),
    "911": (
        (
            "Atender las llamadas de emergencia con rapidez",
            "atención de llamadas de emergencia",
            ("Tiempo promedio de atención de llamadas|segundos|D|S|25|10|r",),
        ),
        (
            "Despachar unidades a emergencias reales",
            "despacho de emergencias",
            ("Incidentes atendidos con despacho de unidades|incidentes|A|F|500000|650000",),
        ),
        (
            "Ampliar la videovigilancia urbana",
            "videovigilancia",
            ("Cámaras de videovigilancia operando|cámaras|A|S|1800|3500",),
        ),
    ),
}
