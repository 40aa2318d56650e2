// Danish user-facing strings (the site's first language).
export const da = {
  /** Site furniture: skip link, dates, footer, accessibility statement, definitions, source guide, invented-figure marks. */
  furniture: {
    skipLink: "Gå til indhold",
    dataDate: "Data til og med",
    unknownDate: "ukendt",
    releaseDate: "Udgivet",
    publisher: "Udgiver",
    contact: "Kontakt",
    contactExample: "(eksempel – skal sættes ved udgivelse)",
    accessibility: "Tilgængelighedserklæring",
    methodsLink: "Metode og definitioner",
    contents: "Indhold",
    site: "Mentorordninger og frafald på ungdomsuddannelserne i Region Hovedstaden.",
    funding: "Finansiering",
    programmeLabel: "Program",
    /** Section headings before the figures (figure titles are h3). */
    resultsHeading: "Resultater for det valgte udsnit",
    schemeResultsHeading: "Forskellen med mentor, ordning for ordning",
    /** Beside a real school's or scheme's name while meta.synthetic is set. */
    invented: "opdigtede tal",
    inventedTitle: "Navnet er virkeligt, men tallene her er opdigtede.",
    /** The EUD/EUX main areas (hovedområder), keyed by their Danish names in the data. */
    mainAreas: {
      "Omsorg, sundhed og pædagogik": "Omsorg, sundhed og pædagogik",
      "Kontor, handel og forretningsservice": "Kontor, handel og forretningsservice",
      "Fødevarer, jordbrug og oplevelser": "Fødevarer, jordbrug og oplevelser",
      "Teknologi, byggeri og transport": "Teknologi, byggeri og transport"
    } as Record<string, string>,
    /** Section headings of the methods page (ids in metode.md). */
    sections: {
      definitions: "Definitioner",
      adjustment: "Risikojustering",
      intervals: "Usikkerhed og intervaller",
      curves: "Fastholdelseskurver",
      hazards: "Frafald ved overgangene",
      benchmark: "Benchmark af institutioner",
      schemes: "Ordninger og kilder",
      disclosure: "Diskretion",
      risk: "Grundrisiko",
      data: "Data og datakontrakt"
    },
    definitionsLead: "Sådan bruges ordene på alle sider. Hver elev er ét forløb: én optagelse på én uddannelse.",
    definitions: [
      {
        term: "Frafald",
        text: "En elev, der er startet på uddannelsen, og som har forladt den uden at gennemføre og uden at skifte til en anden uddannelse (status »frafaldet«). Frafaldsandele er altid af de elever, der er startet."
      },
      {
        term: "Skift",
        text: "En elev, der forlader uddannelsen for at begynde på en anden (status »skiftet«). Et skift tælles ikke som frafald: eleven bliver i nævneren, men kan ikke længere falde fra forløbet."
      },
      {
        term: "Fastholdelse",
        text: "At eleven ikke er faldet fra: gennemført, stadig i gang eller skiftet til en anden uddannelse. Fastholdelse er 100 pct. minus frafald."
      },
      {
        term: "No-show (framelding før start)",
        text: "En optaget elev, der melder fra før startdatoen. No-shows er aldrig startet og indgår ikke i nogen nævner; de tælles for sig på forsiden."
      },
      {
        term: "Mentee",
        text: "En elev med en mentorordning. Ordninger, der begynder ved optagelsen, sammenlignes fra optagelsen; arbejdspladsmentorer fra lærepladsstarten."
      },
      {
        term: "Opfølgning",
        text: "Frafald inden for en periode (fx 1 år) tæller kun elever, der er fulgt hele perioden. »Hele forløbet« og overgangene gælder årgange, der er fulgt længe nok til, at næsten alle er færdige."
      }
    ],
    adjustmentText:
      "Elever får oftere en mentor, når de i forvejen har større risiko for at falde fra. Den risikojusterede forskel sammenligner derfor hver mentee med elever uden mentor på samme institution, uddannelse og hovedområde, med samme karakterniveau fra grundskolen, aldersgruppe og køn, som stadig gik på uddannelsen, da mentoren kom (direkte standardisering). Justeringen kan ikke tage højde for forhold, som data ikke viser, fx motivation og trivsel.",
    intervalsText:
      "Et 95 %-konfidensinterval er det spænd, som den sande værdi med stor sandsynlighed ligger i, givet tallene. Ligger hele intervallet for en forskel under nul, er der færre frafald med mentor; ligger det over nul, flere; går det gennem nul, kan data ikke skelne forskellen fra tilfældighed. Små grupper giver brede intervaller.",
    curvesText:
      "Kurverne viser andelen, der ikke er faldet fra, efter tid siden start, beregnet i faste tidsbånd. Kurverne er ujusterede: de viser, hvordan grupperne klarede sig, ikke hvad mentoren gjorde.",
    hazardsText:
      "For hver overgang (de første uger, GF1 → GF2, skole → læreplads, prøvetiden, undervejs og slutspurten) er frafaldet andelen af dem, der nåede overgangen, som faldt fra i den. Mentorstatus gælder ved overgangens start.",
    benchmarkText:
      "En institutions forventede frafald er det frafald, den ville have, hvis dens elever faldt fra som elever med samme uddannelse, hovedområde, karakterniveau, alder og køn i hele regionen (indirekte standardisering). Observeret/forventet under 1 betyder færre frafald end forventet. Tragtdiagrammet viser observeret/forventet (O/E) mod det forventede antal frafald; grænserne omkring 1 er eksakte Poisson-grænser (95 % og 99,8 %, Spiegelhalter 2005) for en skole med så mange forventede frafald. Varierer skolerne mere, end tilfældigheder kan forklare (spredningsfaktoren φ over 1), udvides grænserne med variationen mellem skolerne (DerSimonian–Laird); siden siger, hvilken af de to der gælder. Vurderingen og prikkens placering kommer fra samme beregning. Sammenlignelige skoler er mindst fire med samme profil og hovedområde, nærmest i størrelse; er der for få, udvides søgningen til samme profil og derefter alle skoler.",
    schemesText:
      "De navngivne ordninger og de fem ordningstyper stammer fra inspirationsguiden. Tal fra udenlandske programmer er publicerede nøgletal, som ikke indgår i beregningerne.",
    sourceGuideLabel: "Kilde",
    sourceGuideAuthor: "Tænketanken DEA for Region Hovedstaden",
    /** The guide's own (Danish) title, the same in both languages. */
    sourceGuideTitle:
      "Mentorskab – Det professionelle venskab, der guider til uddannelse, arbejdsmarkedet og de mange valg i livet",
    sourceGuideNote: "Inspirationsguide til virksomheder og erhvervsskoler.",
    sourceGuideWhere:
      "Guiden er udgivet af Tænketanken DEA og Region Hovedstaden og kan fås hos udgiverne; Tænketanken DEA:",
    dataText:
      "Tallene bygger på udtræk fra skolernes og virksomhedernes systemer (elevernes forløb, overgange og mentorforløb), som valideres mod en fast datakontrakt. Hver kolonne og dens tilladte værdier står i tabellerne nedenfor; afviste rækker gemmes med en begrundelse og indgår ikke.",
    a11y: {
      heading: "Tilgængelighedserklæring",
      lead: "Vi ønsker, at alle kan bruge dette websted – også med skærmlæser, tastatur eller forstørrelse.",
      lawTitle: "Hvilke regler gælder",
      law: "Offentlige organers websteder er omfattet af lov nr. 692 af 8. juni 2018 om tilgængelighed af offentlige organers websteder og mobilapplikationer. Loven kræver, at webstedet overholder den europæiske standard EN 301 549, som for websteder svarer til WCAG 2.1 på niveau AA.",
      statusTitle: "Overholdelse",
      status: "Webstedet overholder delvist EN 301 549 / WCAG 2.1 AA. Manglerne er nævnt nedenfor.",
      testedTitle: "Sådan er webstedet vurderet",
      tested:
        "Ved hver udgivelse åbnes alle sider på dansk og engelsk i en rigtig browser og kontrolleres automatisk med axe-core efter WCAG 2.1 A og AA. Desuden kontrolleres, at overskrifterne kommer i rækkefølge, at linket »Gå til indhold« flytter fokus til indholdet, og at sproget er markeret. Der er ikke foretaget en manuel ekspertvurdering eller brugertest med brugere af hjælpemidler.",
      shortcomingsTitle: "Kendte mangler",
      shortcomings: [
        "Diagrammerne er billeder. Hvert diagram har en beskrivelse i tekst og kan vises som tabel (»Vis som tabel«), men punkterne i diagrammet kan ikke læses enkeltvis med skærmlæser eller tastatur.",
        "Grupper i diagrammerne skelnes ved farve (en farvepalet, der kan skelnes ved farveblindhed) og forklares i signaturforklaringen og tabellen.",
        "Når et filter ændres, opdateres diagrammerne uden at det meddeles til skærmlæsere.",
        "Menuen i siden er fælles for begge sprog; engelske sidenavne på danske sider (og omvendt) er markeret med deres sprog.",
        "Hentede billedfiler (PNG og SVG) har ingen tekstalternativ ud over titlen i filen; CSV-filen er det tilgængelige alternativ."
      ],
      contactTitle: "Kontakt og feedback",
      contact:
        "Oplever du problemer med at bruge webstedet, eller mangler du indhold i en anden form, så skriv til os:",
      complaintTitle: "Klage",
      complaint:
        "Digitaliseringsstyrelsen fører tilsyn med, at offentlige organers websteder overholder loven. Er du ikke tilfreds med vores svar, kan du klage til Digitaliseringsstyrelsen.",
      filedTitle: "Erklæringens status",
      filed:
        "Loven kræver, at erklæringen offentliggøres i Digitaliseringsstyrelsens værktøj WAS-Tool. Det er endnu ikke sket: denne side er et udkast, som udgiveren skal indsende i WAS-Tool, før webstedet tages i brug.",
      dated: "Erklæringen er udarbejdet ved udgivelsen af denne version af webstedet"
    }
  },
  langName: "Dansk",
  otherLang: "English",
  switchLabel: "Read this page in English",
  /** The pages' answers in words (src/components/findings.ts) and the links from each chart to its methods section. */
  findings: {
    title: "Det vigtigste",
    /** Interval of a difference in words (numbers without sign, e.g. "1,6"). */
    fewerRange: (lo: string, hi: string) => `mellem ${lo} og ${hi} procentpoint færre`,
    moreRange: (lo: string, hi: string) => `mellem ${lo} og ${hi} procentpoint flere`,
    spanRange: (fewer: string, more: string) => `fra ${fewer} procentpoint færre til ${more} procentpoint flere`,
    /** Interval of a share in words (formatted shares). */
    shareRange: (lo: string, hi: string) => `mellem ${lo} og ${hi}`,
    rangeTitle:
      "95 %-konfidensinterval: beregnet, så det i 95 % af gentagne undersøgelser ville omfatte den sande værdi. Det viser kun usikkerheden fra tilfældigheder, ikke fra forskelle, som data ikke viser.",
    rangeWord: "usikkerhed",
    methodsLink: "Sådan er det beregnet",
    /** Overview. */
    overall: (pp: string, range: string, fewer: boolean) =>
      `Samlet faldt elever med mentor ${pp} procentpoint ${fewer ? "sjældnere" : "oftere"} fra end lignende elever uden mentor (${range}).`,
    overallUnclear: (range: string) =>
      `Samlet er der ingen klar forskel i frafald mellem elever med mentor og lignende elever uden mentor (${range}).`,
    rawVsAdjusted: (raw: string, adjusted: string, higherRisk: boolean) =>
      `De rå tal viser en forskel på ${raw}, de risikojusterede ${adjusted}: eleverne med mentor havde i forvejen ${higherRisk ? "større" : "mindre"} risiko for at falde fra end deres skolekammerater uden mentor.`,
    typeHelpsMost: (type: string, pp: string, range: string) =>
      `Tydeligst hjælper ordningstypen »${type}«: ${pp} procentpoint færre frafald end hos lignende elever uden mentor (${range}).`,
    noTypeHelps:
      "For ingen af ordningstyperne er der en tydelig forskel i frafald over for lignende elever uden mentor.",
    harm: (who: string, range: string) =>
      `Mulig skade: for ${who} ligger hele intervallet over nul – elever med mentor faldt ${range} fra end lignende elever uden mentor.`,
    uncertain: (who: string) => `Usikkert: for ${who} kan forskellen ikke skelnes fra nul.`,
    yearHighest: (year: string, h: string, rates: string) =>
      `Frafaldet inden for ${h} var højest blandt elever optaget i ${year}: ${rates}.`,
    withMentorLower: "med mentor",
    withoutMentorLower: "uden mentor",
    /** Transitions. */
    phaseHighest: (phase: string, rate: string, withRate: string | null) =>
      `Frafaldet er størst ved overgangen »${phase}«: ${rate} af eleverne uden mentor, der nåede den, faldt fra${withRate ? ` (med mentor: ${withRate})` : ""}.`,
    phaseHelpsMost: (phase: string, pp: string, range: string, adjusted: boolean) =>
      `Mentoren gør størst forskel ved »${phase}«: ${pp} procentpoint færre frafald (${range})${adjusted ? ", justeret for elevernes baggrund" : "; ujusteret, så en del kan skyldes, hvem der får en mentor"}.`,
    noPhaseHelps: "Ved ingen overgang er forskellen med mentor tydelig: alle intervaller omfatter nul.",
    phasesUncertain: (n: string, total: string) =>
      `Ved ${n} af ${total} overgange kan forskellen med mentor ikke skelnes fra nul.`,
    phaseWord: (phase: string) => `overgangen »${phase}«`,
    /** Schemes. */
    schemeHelpsMost: (scheme: string, pp: string, range: string) =>
      `Størst forskel: i ordningen »${scheme}« faldt elever med mentor ${pp} procentpoint sjældnere fra end lignende elever uden mentor (${range}).`,
    noSchemeHelps: "Ingen enkelt ordning har en tydelig forskel i frafald over for lignende elever uden mentor.",
    schemesUncertain: (n: string, total: string) =>
      `For ${n} af ${total} ordninger kan forskellen ikke skelnes fra nul – ofte fordi de har få elever.`,
    schemeHighest: (scheme: string, rate: string, comparison: string) =>
      `Højest frafald blandt elever med mentor: ${rate} i ordningstypen »${scheme}« mod ${comparison} hos deres skolekammerater uden mentor (rå andele).`,
    /** Cohorts. */
    groupHighest: (group: string, rate: string, range: string) =>
      `I det valgte udsnit er frafaldet højest i gruppen »${group}«: ${rate} (${range}).`,
    groupHighestOfShown: (group: string, rate: string, range: string, hidden: string) =>
      `Blandt de grupper, hvis frafald kan vises, er det højest i »${group}«: ${rate} (${range}); for ${hidden} er frafaldet skjult af hensyn til diskretion.`,
    cohortPhaseHighest: (phase: string, rate: string) =>
      `Eleverne uden mentor faldt oftest fra ved overgangen »${phase}«: ${rate} af dem, der nåede den.`,
    cohortGap: (phase: string, group: string, withRate: string, withoutRate: string) =>
      `Tydeligst forskel ved »${phase}«: ${withRate} faldt fra i gruppen »${group}« mod ${withoutRate} uden mentor (intervallerne overlapper ikke).`,
    noCohortGap:
      "Ved ingen overgang er der en tydelig forskel mellem en mentorgruppe og eleverne uden mentor i udsnittet: intervallerne overlapper.",
    cohortRaw:
      "Tallene på denne side er rå andele og ikke justeret for, hvem der får en mentor; de justerede forskelle står på Overblik og Ordninger.",
    /** Overview cards: one comparison. */
    cardWith: "Frafald med mentor",
    cardWithout: "Frafald hos skolekammerater uden mentor",
    cardRaw: "Rå forskel",
    cardAdjusted: "Risikojusteret forskel",
    cardStudents: (n: string) => `${n} elever`,
    cardComparisonSub: (n: string) =>
      `${n} elever uden mentor på de samme skoler og uddannelser, vægtet som mentee-gruppen`,
    cardRawSub: "Frafald med mentor minus frafald hos skolekammeraterne",
    cardAdjustedSub: "Sammenlignet med elever uden mentor af samme skole, uddannelse, karakterniveau og alder",
    populationTitle: "Sammenligningen gælder",
    population: (mentored: string, comparison: string, workplace: boolean) =>
      `${mentored} elever med mentor${workplace ? " (mentor fra optagelsen og arbejdspladsmentorer, som regnes fra lærepladsens start)" : " fra optagelsen"} og ${comparison} elever uden mentor på de samme skoler og uddannelser.`,
    support: (share: string) =>
      `Den justerede forskel dækker ${share} af eleverne med mentor (dem, der har sammenlignelige elever uden mentor).`,
    wholeData: (students: string, mentored: string, noShows: string) =>
      `Hele datasættet: ${students} elever, heraf ${mentored} med mentor. Desuden ${noShows} optagne, der meldte fra før start (no-shows); de indgår ikke i frafaldstallene.`,
    /** Transitions: the right-hand chart for a chosen selection. */
    sliceEffectsNote: (slice: string) =>
      `For ${slice} vises den ujusterede forskel, regnet ud fra tallene i diagrammet til venstre (elever med mentor mod alle elever uden mentor i udvalget). Den risikojusterede forskel offentliggøres kun for alle uddannelser og årgange samlet. Under nul betyder færre frafald med mentor.`,
    markersAll:
      "Stiplede linjer: hvornår overgangene typisk indtræffer på erhvervsuddannelserne (median), hvor alle fem overgange findes; en overgang, hvis tidspunkt er skjult af hensyn til diskretion, har ingen linje.",
    curvesTestClear: "Forskellen mellem kurverne er næppe tilfældig.",
    curvesTestUnclear: "Forskellen mellem kurverne kan skyldes tilfældigheder.",
    testTitle: (p: string) => `Log-rank-test på tidsbåndene: ${p}`
  },
  siteTitle: "Mentorordninger og fastholdelse",
  showTable: "Vis som tabel",
  downloadSvg: "Hent SVG",
  downloadPng: "Hent PNG",
  downloadCsv: "Hent CSV",
  downloads: {
    /** "Kilde: …" under a downloaded chart and in a CSV's note column. */
    source: (site: string, provider: string | null) =>
      `Kilde: ${site}, Region Hovedstaden${provider ? ` (data: ${provider})` : ""}.`,
    dataDate: (date: string) => `Data til og med ${date}.`,
    /** CSV column with source, data date and data notice on every row. */
    noteHeader: "Bemærkning",
    /** CSV column naming the cells hidden for confidentiality. */
    hiddenHeader: "Skjulte felter (diskretion)",
    yes: "ja",
    no: "nej"
  },
  /** Under a table with hidden cells: `label` is the threshold label ("<5"), `k` the smallest publishable cell. */
  suppressedNote: (label: string, k: number) =>
    `${label}: færre end ${k} elever – tallet er skjult af hensyn til diskretion (og celler, der ellers kunne regne det ud).`,
  withMentor: "Med mentor",
  /** Said next to a figure whose horizon the data are too short for (used = the horizon shown, setting = the one asked for). */
  horizonFallback: (used: string, setting: string) => `Viser ${used}: ingen årgang er fulgt ${setting} endnu.`,
  withoutMentor: "Uden mentor",
  mentor: "Mentor",
  students: "Elever",
  dropped: "Faldt fra",
  dropout: "Frafald",
  completed: "Gennemførte",
  lower: "Nedre 95 %-grænse",
  upper: "Øvre 95 %-grænse",
  intakeYear: "Optagelsesår",
  intakeYears: "Optagelsesår",
  allYears: "Alle årgange",
  allMainAreas: "Alle hovedområder",
  intakeIn: (years: string) => `optaget ${years}`,
  coarserSlice: (asked: string, shown: string, min: number) =>
    `${asked} vises ikke for sig, fordi der er færre end ${min} elever med eller uden mentor i udvalget: her vises i stedet ${shown}.`,
  mergedGroups: (min: number) =>
    `Mentorgrupperne er slået sammen i dette udsnit, fordi mindst én af dem har færre end ${min} elever: "med mentor" er elever med en ordning fra start (alle typer), "uden mentor" er elever uden mentor eller med en arbejdspladsmentor, der først kom senere. Vælg et bredere udsnit for at se de enkelte ordningstyper.`,
  programme: "Uddannelse",
  mainArea: "Hovedområde",
  schemeType: "Ordningstype",
  scheme: "Ordning",
  institution: "Institution",
  phase: "Overgang",
  all: "Alle",
  difference: "Forskel",
  naive: "Ujusteret forskel",
  /** The table column naming which difference a row is (unadjusted or risk-adjusted). */
  estimateKind: "Beregning",
  /** In an effects chart, beside a row without a difference to show (hidden or not estimable: the table says which). */
  noEstimate: "intet tal",
  adjusted: "Risikojusteret forskel",
  ci95: "95 %-konfidensinterval",
  dataVersion: "Dataversion",
  schemeTypes: {
    peer: "Ung-til-ung (frivillig)",
    adult_volunteer: "Voksen-til-ung (frivillig)",
    professional: "Professionel mentor",
    group: "Gruppementor",
    workplace: "Arbejdspladsmentor"
  } as Record<string, string>,
  phases: {
    first_weeks: "De første uger",
    gf1_gf2: "GF1 → GF2",
    school_to_apprenticeship: "Skole → læreplads",
    probation: "Prøvetiden",
    main_course: "Undervejs",
    final_stretch: "Slutspurten"
  } as Record<string, string>,
  outcomes: {
    completed: "Gennemført",
    dropped: "Frafaldet",
    transferred: "Skiftet",
    ongoing: "I gang",
    no_show: "Mødte ikke op (framelding før start)"
  } as Record<string, string>,
  programmeGroups: {
    all: "Alle uddannelser",
    vocational: "Erhvervsuddannelser (EUD/EUX)",
    gymnasium: "Gymnasiale (STX/HHX/HTX/HF)",
    preparatory: "Forberedende (10. klasse/FGU)"
  } as Record<string, string>,
  curveSets: {
    mentor: "Med og uden mentor (fra 6 uger efter start)",
    scheme_type: "Efter ordningstype (fra 6 uger efter start)",
    workplace: "Arbejdspladsmentor (fra lærepladsstart)"
  } as Record<string, string>,
  curveGroups: {with: "Med mentor", without: "Uden mentor", none: "Ingen mentor"} as Record<string, string>,
  transitions: {
    heading: "Hvornår falder eleverne fra – og hvor hjælper mentoren?",
    lead: "Fastholdelse over tid og frafald ved de fem overgange, som inspirationsguiden peger på.",
    filters: "Vælg",
    curveSet: "Kurver",
    curvesTitle: "Andel, der stadig er i gang eller har gennemført",
    curvesSummary: (set: string, slice: string, p: string) =>
      `Overlevelsestavler i faste tidsbånd for ${slice}: ${set.toLowerCase()}. Kurven viser andelen, der ikke er faldet fra, ved hvert bånds slutning; stiplede linjer markerer, hvornår overgangene typisk indtræffer. ${p}`,
    curveStops:
      "En kurve stopper ved det første tidsbånd, hvor et antal er skjult (under diskretionsgrænsen, eller fordi det ellers kunne regnes ud); båndet vises i tabellen uden kurveværdi.",
    curvesFromIntake:
      "Kurverne med og uden mentor og efter ordningstype begynder 6 uger efter start og omfatter de elever, der stadig var i gang da; de fleste mentorer er begyndt til den tid. Mange mentorer kommer først efter nogle uger, og talte man mentees fra første dag, fik de æren for ugerne, før mentoren kom (i simulerede data uden nogen virkning af mentorer løftede det kurven med mentor ca. 2–3 procentpoint; fra 6 uger ca. 0). Tabellen viser også de første 6 ugers tal; frafald i de første uger efter mentorgruppe: se overgangen »De første uger«.",
    band: "Tidsbånd (dage)",
    bandLabel: (from: number, to: number | null) =>
      to === null ? `${from}+` : to === from + 1 ? `dag ${from}` : `${from}–${to - 1}`,
    atRisk: "I risiko ved båndets start",
    bandEvents: "Faldet fra i båndet",
    bandCensored: "Censureret i båndet (dataudtræk)",
    retainedAtEnd: "Ikke faldet fra ved båndets slutning",
    xYears: "År efter start",
    xYearsPlacement: "År efter lærepladsstart",
    yRetained: "Ikke faldet fra",
    hazardsTitle: "Frafald ved hver overgang",
    hazardsSummary: (slice: string, scheme: string) =>
      `Andelen af dem, der nåede hver overgang, som faldt fra i den, for ${slice}; med mentor (${scheme.toLowerCase()}) og uden mentor, med usikkerhedsinterval.`,
    hazardAxis: "Frafald i fasen",
    entered: "Nåede fasen",
    phaseEffectsTitle: "Mentorens forskel ved hver overgang",
    phaseEffectsSummary: (scheme: string) =>
      `Forskel i frafaldsrisiko i hver fase med og uden mentor (${scheme.toLowerCase()}), ujusteret og risikojusteret, i procentpoint; under nul betyder færre frafald med mentor.`,
    pValue: (p: string) => `p = ${p}`,
    pBelow: (p: string) => `p < ${p}`,
    allSchemes: "Alle ordningstyper",
    filterNote:
      "Optagelsesår vælges i faste perioder, der ikke overlapper: to overlappende udvalg kunne trækkes fra hinanden og afsløre en lille gruppe. Mentorens forskel ved hver overgang (nederst til højre) følger alle filtre: for alle uddannelser og årgange samlet vises også den risikojusterede forskel, for et udvalg kun den ujusterede.",
    noCurves:
      'For få elever i udvalget til at vise kurver (under diskretionsgrænsen). Kurverne vises kun for alle årgange samlet – vælg "Alle årgange".',
    curvesHidden:
      "Kurverne kan ikke vises her: et antal i deres første tidsbånd er skjult af hensyn til diskretion, og en kurve vises kun fra sin begyndelse. Se tabellerne over frafald ved hver overgang, eller vælg et andet kurvesæt.",
    noHazards: (years: string) =>
      `Ingen årgange i udvalget er fulgt i mindst ${years} endnu, så frafaldet ved overgangene kan ikke opgøres. Vælg en tidligere periode eller alle årgange.`
  },
  schemesText: {
    heading: "Ordningerne: hvad virker, for hvem?",
    lead: "De fem typer mentorordninger og de navngivne ordninger – lokale tal sammenlignet med lignende elever uden mentor, og udenlandske erfaringer som reference.",
    effectsTitle: "Forskel i frafald med mentor, efter ordning",
    effectsSummary: (years: string) =>
      `Forskel i frafald (årgange fulgt i mindst ${years}) for elever med mentor i hver ordning sammenlignet med elever uden mentor på samme skoler og uddannelser; ujusteret (lysegrå) og risikojusteret (sort), med usikkerhedsinterval.`,
    level: {scheme_type: "Ordningstype", scheme: "Ordning"} as Record<string, string>,
    mentees: "Mentees",
    comparison: "Sammenligningsgruppe",
    facts: "Fakta om ordningerne",
    host: "Vært",
    since: "Siden",
    funding: {permanent: "Fast finansieret (drift)", project: "Projektmidler"} as Record<string, string>,
    fte: "Mentorårsværk",
    target: "Lovet første kontakt",
    hours: (h: string) => `${h} timer`,
    medianContact: "Median tid til første kontakt",
    withinTarget: "Kontaktet inden for den lovede tid",
    rematched: "Fik ny mentor",
    meetingsPerMonth: "Møder pr. måned (median)",
    processTitle: "Proces og resultat",
    processSummary: (scheme: string, measure: string) =>
      `Frafald inden for et år efter mentorstart i ${scheme}, opdelt efter ${measure.toLowerCase()}, med usikkerhedsinterval. Sammenhængen viser ikke i sig selv årsag og virkning.`,
    processMeasure: "Procesmål",
    measures: {
      contact: "Tid til første kontakt",
      meetings: "Møder pr. måned",
      rematched: "Ny mentor undervejs"
    } as Record<string, string>,
    bands: {
      le24: "≤ 24 timer",
      "24_72": "24–72 timer",
      "72_168": "3–7 dage",
      gt168: "> 7 dage",
      unknown: "Ukendt",
      lt1: "< 1",
      "1_2": "1–2",
      "2_4": "2–4",
      ge4: "≥ 4",
      yes: "Ja",
      no: "Nej"
    } as Record<string, string>,
    dropout1y: "Frafald inden for 1 år",
    externalTitle: "Erfaringer fra andre lande (publicerede tal)",
    externalLead:
      "Nøgletal fra udenlandske programmer, som guiden nævner. De er offentliggjorte tal med hver deres kilde og indgår ikke i beregningerne ovenfor.",
    measure: "Mål",
    value: "Værdi",
    year: "År",
    country: "Land",
    source: "Kilde",
    externalMeasures: {
      matches: "Mentor/mentee-match",
      retained_share: "Andel mentees, der blev i uddannelsen",
      noncompletion_share_mentees: "Mentees, der ikke fuldførte",
      noncompletion_share_national: "Ikke-fuldførte lærlinge i landet",
      volunteer_mentors: "Frivillige mentorer",
      coordinators: "Regionale koordinatorer",
      sites: "Lokale afdelinger",
      mentees_foreign_born_parents_share: "Mentees med udenlandsk fødte forældre",
      mentee_age_min: "Mentees' alder fra",
      mentee_age_max: "Mentees' alder til",
      founded_year: "Grundlagt",
      said_mentor_mattered_share: "Sagde, at mentoren betød noget",
      said_mentor_mattered_a_lot_share: "Sagde, at mentoren betød meget"
    } as Record<string, string>,
    noExternal:
      "Datalageret har ingen tal fra andre programmer (tabellen external_aggregates er tom eller ikke indlæst).",
    veraTitle: "VerA (Tyskland)",
    veraText: (national: string, mentees: string) =>
      `I Tyskland fuldfører ${national} af lærlingene ikke, mens ${mentees} af VerA's mentees ikke fuldfører. Tallene er ikke justeret for, hvem der får en mentor.`
  },
  funnel: {
    findingsTitle: "Det vigtigste",
    observedValue: (x: string, n: string, pct: string) => `${x} af ${n} (${pct})`,
    expectedValue: (e: string, pct: string) => `${e} (${pct})`,
    expectedSub:
      "Forventet antal frafald, hvis skolens elever faldt fra som elever med samme uddannelse, hovedområde, karakterer, alder og køn i hele regionen.",
    oeWords: (lo: string, hi: string) => `Med 95 % sikkerhed mellem ${lo} og ${hi} gange det forventede.`,
    verdictFromFunnel:
      "Vurderingen er den samme som prikkens plads i tragtdiagrammet: forholdet mellem observeret og forventet holdt op mod grænserne for en skole med så mange forventede frafald.",
    adjustedWhy:
      "Skolens frafald omregnet til en elevgruppe som regionens gennemsnit (observeret/forventet × regionens frafald). Det er højere end det observerede, når skolens elever i forvejen har lavere risiko end gennemsnittet, og lavere, når de har højere.",
    xExpected: "Forventede frafald (logaritmisk skala)",
    yOe: "Observeret/forventet frafald",
    oeColumn: "Observeret/forventet (95 %-interval)",
    oeCell: (oe: string, lo: string, hi: string) => `${oe} (${lo}–${hi})`,
    positionColumn: "Placering i tragten",
    dispersionExact: (phi: string) =>
      `Skolerne varierer ikke mere, end tilfældigheder kan forklare (spredningsfaktor ${phi}; 1 svarer til ren tilfældighed), så grænserne er de eksakte Poisson-grænser.`,
    dispersionWidened: (phi: string) =>
      `Skolerne varierer mere, end tilfældigheder kan forklare (spredningsfaktor ${phi}; 1 svarer til ren tilfældighed), så grænserne er udvidet med variationen mellem skolerne (random effects, DerSimonian–Laird). Ellers ville mange skoler ligge uden for tragten alene af den grund.`,
    outside: (n95: number, n998: number, total: number) =>
      `${n95} af de ${total} skoler, hvis frafald vises, ligger uden for 95 %-grænserne, heraf ${n998} uden for 99,8 %-grænserne. Ved ren tilfældighed ville man vente omkring 1 ud af 20 uden for 95 %-grænserne og næsten ingen uden for 99,8 %-grænserne.`,
    peersHow: {
      profile_area: (k: number) =>
        `De ${k} institutioner med samme profil og samme største hovedområde, der er nærmest i størrelse.`,
      profile: (k: number) =>
        `For få institutioner har samme profil og største hovedområde; derfor de ${k} med samme profil, der er nærmest i størrelse (først dem med samme hovedområde).`,
      all: (k: number) =>
        `For få institutioner har samme profil; derfor de ${k} institutioner, der er nærmest i størrelse (først dem med samme profil og hovedområde).`
    } as Record<string, (k: number) => string>,
    profiles: {
      vocational: "Erhvervsuddannelser",
      gymnasium: "Gymnasiale uddannelser",
      preparatory: "Forberedende",
      mixed: "Blandet"
    } as Record<string, string>,
    sizeBands: {small: "Lille", medium: "Mellem", large: "Stor"} as Record<string, string>,
    hidden: (k: number, n: string) =>
      `skjult af hensyn til diskretion (færre end ${k} frafaldne eller fastholdte, eller et tal, der ellers kunne regne sådan et ud) af ${n} elever`,
    hiddenNoN: (k: number) =>
      `skjult af hensyn til diskretion (færre end ${k} elever, eller et tal, der ellers kunne regne sådan et ud)`,
    mentorHidden: (name: string, k: number, counts: string) =>
      `Sammenligningen med og uden mentor på ${name} er skjult af hensyn til diskretion (færre end ${k} frafaldne eller fastholdte i en af grupperne, eller et tal, der ellers kunne regne sådan et ud)${counts}.`,
    mentorCounts: (nWith: string, nWithout: string) => ` – ${nWith} elever med mentor og ${nWithout} uden`,
    findMentorHidden: (text: string, with_: string, without: string) =>
      `${text} For alle institutioner samlet faldt ${with_} med mentor fra mod ${without} uden (rå andele).`,
    hiddenVerdict: "Ingen vurdering: skolens frafald er skjult af hensyn til diskretion.",
    noOwnMentor: (name: string, min: number) =>
      `${name} har ikke sin egen sammenligning med og uden mentor: færre end ${min} elever med mentor eller uden mentor. Figuren viser de sammenlignelige skoler, der har en, og alle institutioner samlet.`,
    schemesTitle: "Mentorordninger på skolen",
    schemesLead: (k: number) =>
      `Ordninger, som skolen er vært for, eller som har mindst ${k} mentees her. Linket viser ordningens resultater.`,
    noSchemes: (k: number) => `Ingen ordning er vært på skolen eller har mindst ${k} mentees her.`,
    findVerdict: (name: string, obs: string, exp: string, h: string, pos: string, lo: string, hi: string) =>
      `${name}: ${obs} faldt fra inden for ${h}; ud fra elevsammensætningen var ${exp} forventet – ${pos}. Det sande forhold ligger med 95 % sikkerhed mellem ${lo} og ${hi} gange det forventede.`,
    findHidden: (name: string, why: string) => `${name}: frafaldet er ${why}, så der er ingen vurdering.`,
    findPeers: (name: string, lower: number, k: number) =>
      `${lower} af de ${k} sammenlignelige skoler har et lavere forhold mellem observeret og forventet frafald end ${name}.`,
    findMentor: (name: string, with_: string, without: string, diff: string) =>
      `På ${name} faldt ${with_} af eleverne med mentor fra mod ${without} uden mentor: ${diff} (rå andele; eleverne med mentor havde ofte større risiko i forvejen).`,
    diffFewer: (a: string, b: string) => `mellem ${a} og ${b} procentpoint færre med mentor`,
    diffMore: (a: string, b: string) => `mellem ${a} og ${b} procentpoint flere med mentor`,
    diffEither: (a: string, b: string) =>
      `mellem ${a} procentpoint færre og ${b} procentpoint flere med mentor, altså ingen klar forskel`,
    findNoMentor: (name: string, min: number, with_: string, without: string) =>
      `${name} har for få elever med eller uden mentor (under ${min} i en af grupperne) til sin egen sammenligning; for alle institutioner samlet faldt ${with_} med mentor fra mod ${without} uden (rå andele).`,
    findOutside: (n95: number, total: number) =>
      `${n95} af de ${total} skoler, hvis frafald vises, ligger uden for 95 %-grænserne i tragtdiagrammet.`,
    positionWords: {
      below_998: "markant under det forventede",
      below_95: "under det forventede",
      within: "inden for det forventede",
      above_95: "over det forventede",
      above_998: "markant over det forventede"
    } as Record<string, string>
  },
  benchmarkText: {
    heading: "Benchmark: hvordan klarer jeres institution sig?",
    lead: (h: string) =>
      `Frafald inden for ${h} efter start sammenlignet med, hvad man kunne forvente ud fra elevgruppens sammensætning.`,
    choose: "Vælg institution",
    observed: "Frafald (observeret)",
    expected: "Forventet ud fra elevsammensætningen",
    oe: "Observeret/forventet",
    position: {
      below_998: "Markant under forventet (uden for 99,8 %-grænsen)",
      below_95: "Under forventet (uden for 95 %-grænsen)",
      within: "Inden for det forventede",
      above_95: "Over forventet (uden for 95 %-grænsen)",
      above_998: "Markant over forventet (uden for 99,8 %-grænsen)"
    } as Record<string, string>,
    funnelTitle: "Tragtdiagram: alle institutioner",
    funnelSummary: (name: string, pos: string, h: string) =>
      `Hver prik er en institution: observeret frafald inden for ${h} delt med det forventede ud fra elevsammensætningen, mod det forventede antal frafald. ${name} er fremhævet: ${pos.toLowerCase()}.`,
    yDropout: (h: string) => `Frafald inden for ${h}`,
    howTitle: "Sådan læser du et tragtdiagram",
    how: 'Hver skole måles mod sin egen elevsammensætning: den vandrette linje ved 1 er "som forventet", over 1 er flere frafald end forventet. Tragten viser, hvor meget en skole med så mange forventede frafald kan afvige alene ved tilfældighed: de stiplede linjer er 95 %-grænser, de fuldt optrukne 99,8 %-grænser. Prikkens farve og form og vurderingen øverst kommer fra samme beregning. Små skoler har en bred tragt, fordi få frafald giver usikre tal. En prik uden for 99,8 %-grænsen er et signal om at se nærmere på – ikke en dom: frafaldet afhænger også af forhold, som data ikke viser.',
    peersTitle: "Sammenlignelige institutioner",
    mentorTitle: "Mentor eller ej på institutionen",
    mentorSummary: (name: string, h: string) =>
      `Frafald inden for ${h} for elever med og uden mentor på ${name} og de sammenlignelige institutioner (rå andele).`,
    noOwnComparison: (names: string, min: number) =>
      `${names} har færre end ${min} elever med eller uden mentor og vises derfor ikke for sig (små grupper ville skjule flere tal andre steder); "Alle institutioner" viser sammenligningen for alle skoler samlet.`,
    allInstitutions: "Alle institutioner",
    profile: "Profil",
    size: "Størrelse",
    adjustedRate: "Frafald ved gennemsnitlig elevsammensætning"
  },
  cohortsText: {
    heading: "Kohorter: definér jeres egen elevgruppe",
    lead: "Vælg uddannelse, hovedområde, optagelsesperiode og mentorgrupper. Status og frafaldsfaser lægges sammen i browseren ud fra de offentliggjorte, diskretionsbehandlede celler; kurver og overgangsrisici er beregnet for netop dette udsnit.",
    groups: "Mentorgruppe",
    none: "Ingen mentor",
    outcomeTitle: "Status ved dataudtrækket",
    outcomeSummary: (n: string, slice: string) =>
      `${n} elever (${slice}), fordelt på status ved dataudtrækket for hver mentorgruppe. Frafaldsandelen er af alle optagne, så årgange, der stadig er i gang, trækker den ned.`,
    phaseTitle: "Hvor skete frafaldet?",
    phaseSummary:
      "Andelen af hver mentorgruppes elever, der faldt fra i hver fase, i den valgte kohorte (tabellen viser antallene).",
    phaseShare: "Andel af gruppen, der faldt fra i fasen (%)",
    share: "Andel",
    dropoutShare: "Frafaldsandel",
    status: "Status",
    hiddenStatus: (label: string) => `Skjult (celler ${label})`,
    cellsTitle: "Detaljerede celler",
    cellsNote: (n: number) =>
      `Kohortens celler (optagelsesår × uddannelse × hovedområde × ordningstype) til egne analyser, f.eks. i R eller Python. Tal under ${n} og de tal, der kunne afsløre dem, er tomme; summer over cellerne er derfor nedre grænser. Til statistiske modeller: brug forskereksporten (npm run export), som beskrevet under Metode.`,
    downloadArrow: "Hent celler til R eller Python",
    downloadCellsCsv: "Hent celler som CSV",
    methodsNote: (version: string, date: string, n: number) =>
      `Metode: optalt for hele udsnittet (uddannelse × hovedområde × optagelsesperiode) og mentorgruppe. Tal under ${n} er skjult, og et tal mere skjules, hvis det skjulte ellers kunne regnes ud fra de andre (også på tværs af tabeller). 95 %-intervaller: Wilson. Dataversion ${version}, data til og med ${date}.`,
    empty: "Ingen elever matcher filtrene.",
    curveTitle: "Fastholdelse over tid i kohorten",
    curveSummary: (slice: string, p: string) =>
      `Andel, der ikke er faldet fra, efter år siden start (overlevelsestavle i faste tidsbånd) for hver valgt mentorgruppe, ${slice}. ${p}`,
    hazardsTitle: "Frafald ved hver overgang i kohorten",
    hazardsSummary: (slice: string) =>
      `Andelen af dem, der nåede hver overgang, som faldt fra i den, uden mentor og med mentor i hver valgt ordningstype, ${slice}; med usikkerhedsinterval.`,
    withoutAtPhase: "Uden mentor ved fasens start",
    sliceMethods: (version: string, date: string, n: number) =>
      `Metode: aktuarisk overlevelsestavle i faste tidsbånd med Greenwood-intervaller (log), tid fra start til frafald, censureret ved dataudtræk; antal i risiko, frafald og øvrige udgange pr. bånd skjules som alle andre tal (under ${n}), og kurven beregnes alene ud fra de viste tal og stopper ved det første skjulte. Overgangsrisici: årgange med mindst 5 års opfølgning, Wilson-intervaller, celler under ${n} skjult. Ujusteret for, hvem der får en mentor. Dataversion ${version}, data til og med ${date}.`,
    downloadArrowTable: "Hent til R eller Python"
  },
  overview: {
    heading: "Falder elever med mentor sjældnere fra?",
    lead: "Frafald blandt unge på ungdomsuddannelser i Region Hovedstaden med og uden mentor – samlet, efter ordningstype og over tid.",
    estimandLabel: "Tallet gælder:",
    trendTitle: (h: string) => `Frafald inden for ${h} efter start, efter optagelsesår`,
    trendAxis: (h: string) => `Frafald inden for ${h}`,
    typesAxis: "Forskel i frafald med mentor (procentpoint)",
    dataDate: "Data til og med",
    trendSummary: (first: string, last: string, h: string) =>
      `Andelen, der faldt fra inden for ${h} efter start, for elever med og uden mentor fra optaget ${first} til ${last}. Rå andele: eleverne med mentor havde i forvejen større risiko.`,
    typesTitle: "De fem ordningstyper side om side",
    typesSummary:
      "Forskel i frafald med og uden mentor for hver ordningstype, ujusteret (lysegrå) og risikojusteret (sort), med usikkerhedsinterval; under nul betyder færre frafald med mentor.",
    caveatTitle: "Hvorfor ikke bare sammenligne de rå tal?"
  },
  methodsText: {
    heading: "Metode og data",
    lead: "Hvor tallene kommer fra, hvordan de er beregnet, og hvad de ikke kan fortælle.",
    contract: "Datakontrakt",
    contractLead: (v: string) =>
      `Data indlæses efter datakontrakt version ${v}. Skolernes og virksomhedernes udtræk valideres mod den; afviste rækker gemmes med en begrundelse. Kolonnerne og deres tilladte værdier står i tabellerne nedenfor.`,
    table: "Tabel",
    column: "Kolonne",
    type: "Type",
    required: "Påkrævet",
    allowed: "Tilladte værdier",
    yes: "ja",
    no: "nej",
    ingestLog: "Indlæste filer",
    ingestLead: "Hver kildefil: læste rækker = accepterede + afviste.",
    file: "Fil",
    read: "Læst",
    accepted: "Accepteret",
    rejected: "Afvist",
    disclosureTitle: "Skjulte tal pr. side",
    disclosureLead: (lps: number, s: number) =>
      `Alle offentliggjorte tal er modelleret som summer over de samme grundceller, og for hvert skjult tal er det mindste og største, det kan være ud fra alt, hvad siden viser, beregnet med lineær programmering (${lps} beregninger, ${s} s). Et skjult tal under 5 skal kunne antage mindst 5 værdier; et skjult tal, der kan regnes ud, offentliggøres i stedet. "Før" er efter de enkelte tabellers regler, "efter" er det, siden viser.`,
    page: "Side",
    cells: "Tal",
    hiddenGate: "Skjult før",
    hiddenFinal: "Skjult efter",
    pageNames: {
      overview: "Overblik",
      transitions: "Overgange",
      schemes: "Ordninger",
      benchmark: "Benchmark",
      cohorts: "Kohorter",
      scenario: "Scenarie",
      methods: "Metode"
    } as Record<string, string>,
    suppression: "Diskretion",
    suppressionText: (n: number) =>
      `Ingen offentliggjort tabel viser enkeltelever. Celler med færre end ${n} elever skjules (vist som "<${n}"), sammen med alle andele, intervaller og forskelle beregnet på dem, og der skjules yderligere celler, så et skjult tal ikke kan regnes ud fra totaler eller ved at trække to tabeller fra hinanden. Reglen følger Danmarks Statistiks og Børne- og Undervisningsministeriets diskretionspraksis.`,
    estimators: "Statistiske metoder",
    estimatorList: [
      "Andele: Wilsons score-interval (Wilson 1927; Newcombe 1998, metode 3).",
      "Forskel mellem to andele: Newcombes hybride score-interval (Newcombe 1998, metode 10).",
      "Risikojusteret forskel: direkte standardisering til mentee-gruppen over strata af institution, uddannelse, karakterniveau og aldersgruppe; Mantel-Haenszel (Greenland & Robins 1985; Sato 1989) som kontrol.",
      "Fastholdelse over tid: aktuarisk overlevelsestavle (Collett 2015, afsnit 2.1; Kalbfleisch & Prentice 2002) over faste tidsbånd (6 uger, 3 og 6 måneder, 1–5 og 7 år): effektivt antal i risiko n − c/2, Greenwoods standardfejl og log-transformerede intervaller. Kurverne med og uden mentor og efter ordningstype er landmark-kurver (Anderson, Cain & Gelber 1983): de begynder 6 uger efter optagelsen blandt de elever, der stadig var i gang og fulgt da, hvor de fleste mentorer er begyndt (88 % af eksempeldataenes mentees). Mange mentorer kommer først efter nogle uger, og talte man mentees fra optagelsen, fik de æren for tiden, før mentoren kom (udødelig tid, »immortal time«): i 4 simulerede datasæt à 200.000 forløb uden nogen virkning af mentorer løftede det kurven med mentor 2,7 procentpoint efter 1 år og 2,3 efter 5 år; med landmark 6 uger var løftet 0,1 og 0,0 (validation/curve-immortal-time.md). Tallene for de første 6 uger vises i tabellen, og et skjult tal dér stopper kurven som alle andre. Kurven for arbejdspladsmentorer begynder ved lærepladsstarten; dens første bånd (de første 6 uger) omfatter startdagen. Kurverne beregnes alene ud fra de offentliggjorte, diskretionsbehandlede antal pr. bånd og stopper ved det første skjulte. Log-rank-test (Mantel 1966) på de samme bånd. Kurverne er ujusterede for, hvem der får en mentor; effekttallene sammenligner fra mentorens start og justerer for elevernes baggrund.",
      "Overgange: P(frafald i fase k | nået fase k) med Wilson-intervaller.",
      "Benchmark: indirekte standardisering (observeret/forventet) med eksakt Poisson-interval; tragtdiagram med 95 %- og 99,8 %-grænser (Spiegelhalter 2005)."
    ],
    limitations: "Begrænsninger",
    limitationList: [
      "Frafald opgøres blandt elever, der er startet: optagne, der melder fra før startdatoen (no-shows), tælles for sig og indgår ikke i nogen nævner – som i Børne- og Undervisningsministeriets frafaldsstatistik (definitionen er ikke efterprøvet mod ministeriets egen dokumentation af frafald og bør kontrolleres, før den citeres).",
      "Justeringen tager kun højde for forskelle, data viser. Elever kan få mentor af grunde, som ikke er registreret (motivation, trivsel, familie).",
      "De nyeste årgange er ikke færdige; deres frafald er kun kendt for den tid, der er gået (censurering).",
      "Arbejdspladsmentorer begynder først ved læreplads; de sammenlignes derfor kun med elever, der også fik en læreplads.",
      "Tal fra udenlandske programmer (VerA, ROCK YOUR LIFE!, MentorProgramma Friesland) er publicerede nøgletal og blandes aldrig med de danske data."
    ],
    /** The baseline-risk section (loaders/analysis/risk.ts). */
    risk: {
      model: (min: number, ridge: string) =>
        `Grundrisikoen er den forudsagte risiko for at falde fra i løbet af hele forløbet uden mentor. Den beregnes med logistisk regression på de elever, spørgsmålet handler om: årgange fulgt hele forløbet, som aldrig har haft en mentor. Forklarende variable er institution, uddannelse, hovedområde, karakterniveau fra grundskolen, aldersgruppe og køn (hver som kategorier) og optagelsesåret (lineært). Niveauer med færre end ${min} elever slås sammen til »øvrige« (og med referenceniveauet, hvis de heller ikke samlet når ${min}), så en koefficient aldrig beskriver en håndfuld elever. En svag ridge-straf (λ = ${ridge} på alle koefficienter undtagen konstantleddet) holder et niveau uden frafald endeligt. Hver elev – også eleverne med mentor – får sin grundrisiko ud fra sine egne kendetegn.`,
      whyModel:
        "Hvorfor ikke blot frafaldet i hver gruppe (stratum), som den risikojusterede forskel bruger? De fleste af de seksdelte grupper rummer en håndfuld elever, så deres rå frafald er oftest 0 eller 100 % og ville sortere eleverne i bånd efter tilfældigheder; en model med hovedeffekter låner styrke på tværs af grupperne.",
      bands: (cuts: string) =>
        `Risikobånd er femtedele af den forudsagte risiko blandt modellens elever, med grænserne ${cuts}; hvert bånd er to tiendedele (deciler). Alle elever placeres i bånd efter de samme grænser. For den enkelte ordningstype slås nabobånd sammen til risikogrupper, nedefra, til hver gruppe har mindst 20 gange diskretionsgrænsen af typens mentees, fordi fem bånd pr. type efterlader celler med en håndfuld elever; en type med færre mentees har én gruppe, bånd 1–5 (hele dens forskel).`,
      coefficientsTitle: "Modellens koefficienter som odds-ratioer",
      coefficientsLead: (centre: number) =>
        `Odds-ratio over for referenceniveauet (over 1: større risiko), med 95 %-interval fra koefficienten ± 1,96 standardfejl. Optagelsesåret er pr. år fra ${centre}.`,
      factor: "Variabel",
      level: "Niveau",
      oddsRatio: "Odds-ratio",
      reference: (level: string) => `reference: ${level}`,
      pooled: (levels: string) => `øvrige (${levels})`,
      year: "Optagelsesår (pr. år)",
      intercept: "Konstantled (odds ved referenceniveauerne)",
      factors: {
        institution_id: "Institution",
        programme: "Uddannelse",
        main_area: "Hovedområde",
        prior_band: "Karakterniveau",
        age_band: "Aldersgruppe",
        gender: "Køn"
      } as Record<string, string>,
      /** Level names of the model's factors (the data's codes otherwise). */
      levels: {
        gender: {female: "Kvinde", male: "Mand", other: "Andet"},
        prior_band: {under_4: "Under 4", "4_to_6": "4–6", "6_to_8": "6–8", "8_plus": "8 og derover", unknown: "Ukendt"},
        main_area: {none: "Ingen (ikke erhvervsuddannelse)"}
      } as Record<string, Record<string, string>>,
      calibrationTitle: "Forudsagt og observeret frafald efter tiendedel af grundrisikoen",
      calibrationSummary: (c: string) =>
        `Modellens elever (årgange fulgt hele forløbet, uden mentor) delt i ti lige store grupper efter forudsagt risiko: gennemsnitlig forudsagt risiko mod observeret frafald med Wilson-interval. Punkter på den stiplede diagonal betyder, at modellen rammer rigtigt. C-statistik ${c} (andelen af par af en elev, der faldt fra, og en, der ikke gjorde, hvor den første har den højeste forudsagte risiko; 0,5 = tilfældigt, 1 = perfekt; beregnet på de samme elever, som modellen er tilpasset).`,
      predicted: "Forudsagt frafald (gennemsnit)",
      observed: "Observeret frafald",
      decile: "Tiendedel",
      nnt: "Mentees pr. forebygget frafald (NNT, »number needed to treat«) er 1 delt med forskellen i frafald, når hele forskellens interval ligger under nul; intervallet er 1 delt med intervallets grænser (Laupacis, Sackett & Roberts 1988; Altman 1998). Ligger hele intervallet over nul, vises antallet pr. ekstra frafald (NNH). Går intervallet gennem nul, vises intet tal: intervallet ville gå gennem uendelig og siger ikke noget brugbart.",
      prevented:
        "Scenariesiden: forventede forebyggede frafald = summen over båndene af ekstra mentees × (−forskellen); standardfejlen i hvert bånd er intervallets halve bredde / 1,96, og båndenes usikkerhed lægges sammen som uafhængige.",
      noModel:
        "Grundrisikoen kunne ikke beregnes for disse data: blandt eleverne uden mentor er der ingen frafald eller kun frafald."
    },
    dataVersion: "Dataversion",
    contractVersion: "Kontraktversion",
    estimandLabel: "Hvad de samlede effekttal gælder:",
    followUpText: (used: string, setting: string, longest: string, fixed: string, short: string) =>
      `"Hele forløbet" og overgangene opgøres for årgange, der er fulgt i mindst ${used}${used === setting ? "" : ` (indstillet til ${setting}, men ingen årgang er fulgt så længe endnu)`}. Den længste opfølgning i data er ${longest}. Frafald inden for ${fixed} tæller kun elever, der er fulgt hele perioden; benchmark og udvikling over optagelsesår bruger ${short}.`
  },
  /** The what-if page (src/scenarie.md). */
  scenarioText: {
    heading: "Hvad nu hvis flere fik en mentor?",
    lead: "Vælg en ordningstype, en målgruppe og et antal ekstra mentees om året, og se hvor mange frafald det kan forventes at forebygge – hvis sammenhængene i data også gælder for de nye mentees.",
    controls: "Vælg scenariet",
    schemeType: "Ordningstype",
    allTypes: "Alle ordningstyper",
    target: "Målgruppe",
    targets: {bands: "Risikobånd og uddannelse", phase: "En overgang"} as Record<string, string>,
    bands: "Risikobånd",
    programme: "Uddannelse",
    allProgrammes: "Alle uddannelser",
    phase: "Overgang",
    unit: "Angiv som",
    units: {mentees: "Ekstra mentees om året", fte: "Ekstra mentorårsværk"} as Record<string, string>,
    amount: "Antal",
    costLabel: "Pris pr. årsværk (kr., valgfri)",
    costPlaceholder: "fx 450000",
    phaseNote:
      "Ved en overgang bruges mentorens forskel ved netop den overgang for alle de ekstra mentees; risikobånd og uddannelse opdeles ikke.",
    fteMissing: (type: string) =>
      `Årsværk kan ikke regnes om til mentees for »${type}«: ingen af ordningerne oplyser mentorernes årsværk. Angiv antallet af mentees.`,
    band: (b: number) => (b === 1 ? "Bånd 1 (laveste risiko)" : b === 5 ? "Bånd 5 (højeste risiko)" : `Bånd ${b}`),
    bandShort: (b: number) => `bånd ${b}`,
    bandsWords: (bands: string) => `risikobånd ${bands}`,
    whoBands: (bands: string, programme: string) => `elever i ${bands} (${programme})`,
    whoPhase: (phase: string) => `elever ved overgangen »${phase}«`,
    answerTitle: "Resultatet",
    answer: (mentees: string, type: string, who: string, prevented: string, range: string) =>
      `Med ${mentees} ekstra mentees om året (${type.toLowerCase()}) blandt ${who} kan man forvente ${prevented} færre frafald om året (${range}).`,
    answerUnclear: (mentees: string, type: string, who: string, range: string) =>
      `Med ${mentees} ekstra mentees om året (${type.toLowerCase()}) blandt ${who} kan virkningen på frafaldet ikke skelnes fra nul: ${range} om året.`,
    answerHarm: (mentees: string, type: string, who: string, range: string) =>
      `Mulig skade: med ${mentees} ekstra mentees om året (${type.toLowerCase()}) blandt ${who} peger tallene på flere frafald, ${range} om året.`,
    answerNone: (mentees: string, who: string) =>
      `For ${mentees} ekstra mentees om året blandt ${who} er der ingen offentliggjort effekt at regne med (se bemærkningerne nedenfor).`,
    preventedRange: (lo: string, hi: string) => `mellem ${lo} og ${hi}`,
    spanRange: (fewer: string, more: string) => `fra ${fewer} færre til ${more} flere frafald`,
    harmRange: (lo: string, hi: string) => `mellem ${lo} og ${hi} flere`,
    perPrevented: (n: string) => `Det svarer til ét forebygget frafald for hver ${n} ekstra mentees.`,
    fte: (mentees: string, fte: string, perFte: string) =>
      `${mentees} mentees om året svarer til ca. ${fte} mentorårsværk (ordningerne har ${perFte} mentees om året pr. årsværk).`,
    cost: (total: string, per: string, range: string) =>
      `Det koster ${total} kr. om året, eller ${per} kr. pr. forebygget frafald (${range} kr.).`,
    costUnbounded: (total: string, lower: string) =>
      `Det koster ${total} kr. om året. Pr. forebygget frafald er prisen mindst ${lower} kr.; intervallet når ned til nul forebyggede frafald, så der er ingen øvre grænse.`,
    costNone: (total: string) =>
      `Det koster ${total} kr. om året; da der ikke kan forventes færre frafald, kan prisen pr. forebygget frafald ikke beregnes.`,
    warningsTitle: "Bemærk",
    warnings: {
      hidden_effect: (cells: string, mentees: string) =>
        `Mentorens forskel er skjult af hensyn til diskretion for ${cells}: de ${mentees} ekstra mentees dér tæller ikke med i resultatet.`,
      missing_effect: (cells: string, mentees: string) =>
        `Der er ingen forskel at regne med for ${cells} (for få sammenlignelige elever med og uden mentor): de ${mentees} ekstra mentees dér tæller ikke med i resultatet.`,
      few_mentees: (cells: string, min: string) =>
        `Mentorens forskel for ${cells} bygger på færre end ${min} mentees (eller et skjult antal) og er derfor usikker.`,
      little_support: (type: string, programme: string, n: string | null, min: string) =>
        `»${type}« har ${n === null ? "meget få (et skjult antal)" : n} mentees på ${programme} i data, færre end ${min}: forskellen er målt på andre elever end dem, scenariet handler om.`,
      exceeds_pool: (mentees: string, pool: string) =>
        `${mentees} ekstra mentees om året er flere end de ca. ${pool} elever om året uden mentor i målgruppen.`,
      pool_hidden: (cells: string, even: boolean) =>
        `Antallet af elever uden mentor på den valgte uddannelse er skjult af hensyn til diskretion for ${cells}: de ekstra mentees fordeles ${even ? "ligeligt på båndene" : "efter antallet af elever uden mentor i båndene på alle uddannelser"}.`,
      no_fte_rate:
        "Årsværk kan ikke regnes om til mentees for denne ordningstype: ingen af ordningerne oplyser mentorernes årsværk.",
      no_bands: "Vælg mindst ét risikobånd."
    },
    assumptions:
      "Sådan er det regnet: de ekstra mentees fordeles på de valgte risikobånd i forhold til antallet af elever uden mentor i hvert bånd (årgange fulgt i mindst den fulde opfølgning). Hvert bånds mentees ganges med mentorens risikojusterede forskel i båndet (for en ordningstype: dens forskel i den risikogruppe – sammenhængende bånd – som båndet hører til), og intervallet kombinerer båndenes usikkerhed. Det antager, at de nye mentees har samme gavn af en mentor som de nuværende i samme bånd; intervallet viser kun usikkerheden i forskellene, ikke om den antagelse holder.",
    bandEffectsTitle: "Mentorens forskel i hvert risikobånd",
    bandEffectsSummary: (years: string) =>
      `Risikojusteret forskel i frafald (hele forløbet, årgange fulgt i mindst ${years}) med og uden mentor i hvert risikobånd, alle ordningstyper, med 95 %-interval; de valgte bånd er fremhævet. Under nul betyder færre frafald med mentor.`,
    groupEffectsTitle: (type: string) => `Forskellen for »${type}« i hver risikogruppe`,
    groupEffectsSummary: (type: string) =>
      `Risikojusteret forskel i frafald med og uden mentor for ordningstypen »${type}« i dens risikogrupper (sammenhængende bånd med nok af typens mentees), med 95 %-interval; grupperne med valgte bånd er fremhævet.`,
    groupLabel: (from: number, to: number) => (from === to ? `Bånd ${from}` : `Bånd ${from}–${to}`),
    phaseEffectsTitle: (type: string) => `Mentorens forskel ved hver overgang (${type.toLowerCase()})`,
    phaseEffectsSummary:
      "Risikojusteret forskel i frafaldsrisikoen i hver fase med og uden mentor, med 95 %-interval; den valgte overgang er fremhævet. Under nul betyder færre frafald med mentor.",
    chosen: "Valgt",
    notChosen: "Ikke valgt",
    reachTitle: "Hvor mange har en mentor i dag?",
    reachSummary: (type: string) =>
      `Andelen af eleverne i hvert risikobånd (årgange fulgt hele forløbet), der har haft en mentor (${type.toLowerCase()}).`,
    reachAxis: "Andel med mentor",
    withType: "Med mentor (valgt type)",
    withoutAny: "Ingen mentor",
    share: "Andel",
    tableTitle: "Tallene bag scenariet",
    cell: "Bånd / overgang",
    pool: "Elever uden mentor",
    poolPerYear: "Heraf om året",
    shareOfMentees: "Andel af de ekstra",
    mentees: "Ekstra mentees om året",
    differencePp: "Forskel (procentpoint)",
    to: "til",
    nMentored: "Mentees bag forskellen",
    nnt: "Mentees pr. forebygget frafald (NNT)",
    status: "Bruges",
    statuses: {used: "ja", hidden: "skjult", missing: "intet tal"} as Record<string, string>,
    prevented: "Forebyggede frafald om året",
    total: "I alt",
    downloadCsv: "Hent scenariet som CSV",
    csv: {
      schemeType: "Ordningstype",
      target: "Målgruppe",
      programme: "Uddannelse",
      phase: "Overgang",
      amount: "Angivet antal",
      unit: "Enhed",
      mentees: "Ekstra mentees om året i alt",
      fte: "Mentorårsværk",
      costPerFte: "Pris pr. årsværk (kr.)",
      preventedTotal: "Forebyggede frafald om året i alt",
      preventedLower: "Forebyggede, nedre 95 %-grænse",
      preventedUpper: "Forebyggede, øvre 95 %-grænse",
      costPerPrevented: "Pris pr. forebygget frafald (kr.)"
    },
    noModel:
      "Grundrisikoen kan ikke beregnes for disse data (der er ingen frafald, eller kun frafald, blandt elever uden mentor), så scenarieberegningen kan ikke vises."
  },
  /** Empty states: why a panel has nothing to show (years = the follow-up in force, e.g. "5 år"). */
  empty: {
    answer: (years: string) =>
      `Forskellen mellem elever med og uden mentor kan ikke opgøres her: der er for få sammenlignelige elever med og uden mentor blandt årgange, der er fulgt i mindst ${years}, eller tallene er skjult af hensyn til diskretion.`,
    trend: (h: string) =>
      `Ingen årgang er fulgt i ${h} endnu, eller tallene er skjult af hensyn til diskretion: frafaldet inden for ${h} kan ikke vises.`,
    effects: (years: string) =>
      `Ingen ordningstype har nok elever med og uden mentor blandt årgange, der er fulgt i mindst ${years}, til at vise en forskel (eller tallene er skjult af hensyn til diskretion).`,
    process: "For få mentorforløb i ordningen med disse oplysninger til at vise sammenhængen.",
    funnel: (h: string) =>
      `Ingen institution har elever, der er fulgt i ${h}, eller tallene er skjult af hensyn til diskretion.`,
    mentorComparison: (h: string) =>
      `Der er for få elever med og uden mentor, der er fulgt i ${h}, til at sammenligne dem (eller tallene er skjult af hensyn til diskretion).`,
    phaseEffects: (years: string) =>
      `Ingen overgang har nok elever med og uden mentor blandt årgange, der er fulgt i mindst ${years}, til at vise en forskel.`,
    phases: "Ingen elever i udvalget er faldet fra, eller tallene er skjult af hensyn til diskretion."
  }
};
export type Dictionary = typeof da;
