/// Tables of TeX commands that stand for a single symbol.
enum MathSymbols {
    /// Lower-case Greek and the variant forms: `<mi>` in italic.
    static let greekLower: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "varkappa": "ϰ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π",
        "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "digamma": "ϝ",
    ]

    /// Upper-case Greek: `<mi mathvariant="normal">` (upright, as TeX sets them).
    static let greekUpper: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
        "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "Alpha": "Α", "Beta": "Β", "Epsilon": "Ε", "Zeta": "Ζ", "Eta": "Η", "Iota": "Ι", "Kappa": "Κ",
        "Mu": "Μ", "Nu": "Ν", "Omicron": "Ο", "Rho": "Ρ", "Tau": "Τ", "Chi": "Χ",
        "varGamma": "𝛤", "varDelta": "𝛥", "varTheta": "𝛩", "varLambda": "𝛬", "varXi": "𝛯",
        "varPi": "𝛱", "varSigma": "𝛴", "varUpsilon": "𝛶", "varPhi": "𝛷", "varPsi": "𝛹", "varOmega": "𝛺",
    ]

    /// Ordinary symbols set as identifiers.
    static let identifiers: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "emptyset": "∅",
        "varnothing": "∅", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "imath": "ı", "jmath": "ȷ",
        "wp": "℘", "hslash": "ℏ", "mho": "℧", "eth": "ð", "beth": "ℶ", "gimel": "ℷ", "daleth": "ℸ",
        "complement": "∁", "Finv": "Ⅎ", "Game": "⅁", "backprime": "‵", "infin": "∞",
    ]

    /// Operators, relations, arrows and punctuation: `<mo>`.
    static let operators: [String: String] = [
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
        "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
        "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "doteq": "≐", "leqslant": "⩽", "geqslant": "⩾",
        "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆",
        "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "mid": "∣", "parallel": "∥",
        "perp": "⊥", "top": "⊤", "bot": "⊥", "intercal": "⊺",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
        "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "impliedby": "⟸",
        "iff": "⟺", "mapsto": "↦", "longrightarrow": "⟶", "longleftarrow": "⟵", "longmapsto": "⟼",
        "uparrow": "↑", "downarrow": "↓", "nearrow": "↗", "searrow": "↘",
        "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆",
        "circ": "∘", "bullet": "∙", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "odot": "⊙",
        "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "neg": "¬", "lnot": "¬",
        "forall": "∀", "exists": "∃", "nexists": "∄",
        "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "colon": ":",
        "prime": "′", "dagger": "†", "ddagger": "‡", "angle": "∠", "triangle": "△",
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮",
        "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂", "bigvee": "⋁", "bigwedge": "⋀",
        "%": "%", "#": "#", "&": "&", "$": "$", "_": "_",
        // Definitions, orderings and asymptotics
        "triangleq": "≜", "coloneqq": "≔", "coloneq": "≔", "eqqcolon": "≕", "eqcolon": "≕", "Coloneqq": "⩴",
        "vcentcolon": ":", "ratio": ":", "defeq": "≝", "doteqdot": "≑", "Doteq": "≑",
        "risingdotseq": "≓", "fallingdotseq": "≒", "eqcirc": "≖", "circeq": "≗", "bumpeq": "≏", "Bumpeq": "≎",
        "lesssim": "≲", "gtrsim": "≳", "lessapprox": "⪅", "gtrapprox": "⪆", "asymp": "≍", "approxeq": "≊",
        "eqsim": "≂", "backsim": "∽", "backsimeq": "⋍", "thicksim": "∼", "thickapprox": "≈",
        "leqq": "≦", "geqq": "≧", "lneq": "⪇", "gneq": "⪈", "lneqq": "≨", "gneqq": "≩", "lll": "⋘", "ggg": "⋙",
        "lessgtr": "≶", "gtrless": "≷", "lesseqgtr": "⋚", "gtreqless": "⋛", "precsim": "≾", "succsim": "≿",
        "preccurlyeq": "≼", "succcurlyeq": "≽", "curlyeqprec": "⋞", "curlyeqsucc": "⋟", "precnsim": "⋨",
        "nless": "≮", "ngtr": "≯", "nleq": "≰", "ngeq": "≱", "nleqslant": "⪇", "ngeqslant": "⪈", "nsim": "≁",
        "ncong": "≇", "nequiv": "≢", "nprec": "⊀", "nsucc": "⊁", "nmid": "∤", "nparallel": "∦",
        "nsubseteq": "⊈", "nsupseteq": "⊉", "subsetneq": "⊊", "supsetneq": "⊋", "subsetneqq": "⫋",
        "supsetneqq": "⫌", "subseteqq": "⫅", "supseteqq": "⫆", "Subset": "⋐", "Supset": "⋑",
        "sqsubset": "⊏", "sqsupset": "⊐", "sqsubseteq": "⊑", "sqsupseteq": "⊒", "notni": "∌",
        "vdash": "⊢", "dashv": "⊣", "models": "⊨", "vDash": "⊨", "Vdash": "⊩", "nvdash": "⊬", "nvDash": "⊭",
        "smile": "⌣", "frown": "⌢", "bowtie": "⋈", "Join": "⋈", "ltimes": "⋉", "rtimes": "⋊",
        "between": "≬", "pitchfork": "⋔", "varpropto": "∝", "shortmid": "∣", "shortparallel": "∥",
        "therefore": "∴", "because": "∵", "trianglelefteq": "⊴", "trianglerighteq": "⊵", "lhd": "⊲",
        "rhd": "⊳", "unlhd": "⊴", "unrhd": "⊵", "vartriangleleft": "⊲", "vartriangleright": "⊳",
        "ntriangleleft": "⋪", "ntriangleright": "⋫",
        // Arrows
        "Longrightarrow": "⟹", "Longleftarrow": "⟸", "Longleftrightarrow": "⟺", "longleftrightarrow": "⟷",
        "hookrightarrow": "↪", "hookleftarrow": "↩", "leadsto": "↝", "rightsquigarrow": "⇝",
        "leftrightsquigarrow": "↭", "twoheadrightarrow": "↠", "twoheadleftarrow": "↞",
        "rightleftharpoons": "⇌", "leftrightharpoons": "⇋", "rightharpoonup": "⇀", "rightharpoondown": "⇁",
        "leftharpoonup": "↼", "leftharpoondown": "↽", "upharpoonright": "↾", "restriction": "↾",
        "rightrightarrows": "⇉", "leftleftarrows": "⇇", "rightleftarrows": "⇄", "leftrightarrows": "⇆",
        "upuparrows": "⇈", "downdownarrows": "⇊", "Uparrow": "⇑", "Downarrow": "⇓", "updownarrow": "↕",
        "Updownarrow": "⇕", "nwarrow": "↖", "swarrow": "↙", "Rrightarrow": "⇛", "Lleftarrow": "⇚",
        "curvearrowright": "↷", "curvearrowleft": "↶", "circlearrowright": "↻", "circlearrowleft": "↺",
        "looparrowright": "↬", "looparrowleft": "↫", "nrightarrow": "↛", "nleftarrow": "↚",
        "nRightarrow": "⇏", "nLeftarrow": "⇍", "nLeftrightarrow": "⇎", "nleftrightarrow": "↮",
        "multimap": "⊸", "dashrightarrow": "⇢", "dashleftarrow": "⇠",
        // Binary operators
        "sqcup": "⊔", "sqcap": "⊓", "uplus": "⊎", "amalg": "⨿", "wr": "≀", "diamond": "⋄", "bigcirc": "◯",
        "oslash": "⊘", "circledast": "⊛", "circledcirc": "⊚", "circleddash": "⊝", "boxplus": "⊞",
        "boxminus": "⊟", "boxtimes": "⊠", "boxdot": "⊡", "dotplus": "∔", "divideontimes": "⋇",
        "curlyvee": "⋎", "curlywedge": "⋏", "veebar": "⊻", "barwedge": "⌅", "doublebarwedge": "⩞",
        "centerdot": "⋅", "smallsetminus": "∖", "bigtriangleup": "△", "bigtriangledown": "▽",
        "triangleleft": "◃", "triangleright": "▹", "leftthreetimes": "⋋", "rightthreetimes": "⋌", "And": "&",
        // Ordinary symbols set as operators
        "Box": "□", "square": "□", "blacksquare": "■", "lozenge": "◊", "blacklozenge": "⧫",
        "triangledown": "▽", "blacktriangle": "▲", "blacktriangledown": "▼", "vartriangle": "△",
        "measuredangle": "∡", "sphericalangle": "∢", "checkmark": "✓", "circledR": "®", "circledS": "Ⓢ",
        "clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠", "flat": "♭", "natural": "♮",
        "sharp": "♯", "surd": "√", "degree": "°", "dag": "†", "ddag": "‡", "S": "§", "P": "¶",
        "copyright": "©", "pounds": "£", "yen": "¥", "euro": "€", "diagup": "╱", "diagdown": "╲",
        "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯", "dotso": "…", "mathellipsis": "…",
        "iddots": "⋰", "adots": "⋰", "cdotp": "⋅", "ldotp": ".",
        // More large operators
        "bigodot": "⨀", "biguplus": "⨄", "bigsqcup": "⨆", "bigsqcap": "⨅", "iiiint": "⨌", "oiint": "∯",
        "oiiint": "∰", "intop": "∫", "smallint": "∫", "ointop": "∮",
    ]

    /// Delimiters for `\left`, `\right`, `\middle` and plain use; "." is the empty delimiter.
    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", ".": "",
        "\\{": "{", "\\}": "}", "\\lbrace": "{", "\\rbrace": "}", "\\|": "‖", "\\Vert": "‖", "\\vert": "|",
        "\\lvert": "|", "\\rvert": "|", "\\lVert": "‖", "\\rVert": "‖", "\\langle": "⟨", "\\rangle": "⟩",
        "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉", "\\lbrack": "[", "\\rbrack": "]",
        "\\backslash": "∖", "<": "⟨", ">": "⟩", "\\lt": "⟨", "\\gt": "⟩", "\\lgroup": "⟮", "\\rgroup": "⟯",
        "\\uparrow": "↑", "\\downarrow": "↓", "\\updownarrow": "↕", "\\Uparrow": "⇑", "\\Downarrow": "⇓",
        "\\Updownarrow": "⇕", "\\llbracket": "⟦", "\\rrbracket": "⟧", "\\ulcorner": "⌜", "\\urcorner": "⌝",
        "\\llcorner": "⌞", "\\lrcorner": "⌟", "\\lmoustache": "⎰", "\\rmoustache": "⎱",
    ]

    /// Delimiters after which a sign is binary (`(a) - b`); bars count as closing.
    static let closingDelimiters: Set<String> = [")", "]", "}", "|", "‖", "⟩", "⌋", "⌉", "′", "″", "′′", "!", "⟧", "⟯"]

    /// Signs that become unary after an operator or at the start.
    static let signs: Set<String> = ["−", "+", "±", "∓"]

    /// Operators that take limits under/over in display style.
    static let limitOperators: Set<String> = ["∑", "∏", "∐", "⋃", "⋂", "⨁", "⨂", "⋁", "⋀"]

    /// Upright function names (two-word names joined by a thin space, U+2009). Those in `limitFunctionNames` take limits like `\sum`.
    static let functionNames: [String: String] = [
        "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "tan": "tan",
        "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "arcsin": "arcsin", "arccos": "arccos",
        "arctan": "arctan", "cot": "cot", "sec": "sec", "csc": "csc", "det": "det", "dim": "dim",
        "ker": "ker", "deg": "deg", "gcd": "gcd", "Pr": "Pr", "sign": "sign", "sgn": "sgn",
        "tr": "tr", "rank": "rank", "diag": "diag", "var": "var", "Var": "Var", "Cov": "Cov", "cov": "cov",
        "min": "min", "max": "max", "inf": "inf", "sup": "sup", "lim": "lim", "liminf": "lim\u{2009}inf",
        "limsup": "lim\u{2009}sup", "argmin": "arg\u{2009}min", "argmax": "arg\u{2009}max",
        "lg": "lg", "coth": "coth", "sech": "sech", "csch": "csch", "arccot": "arccot", "hom": "hom",
        "injlim": "inj\u{2009}lim", "projlim": "proj\u{2009}lim", "plim": "plim", "erf": "erf", "Tr": "Tr",
        "softmax": "softmax", "supp": "supp", "KL": "KL", "Cor": "Cor", "Corr": "Corr", "logit": "logit",
    ]
    static let limitFunctionNames: Set<String> = [
        "min", "max", "inf", "sup", "lim", "lim\u{2009}inf", "lim\u{2009}sup", "arg\u{2009}min", "arg\u{2009}max", "Pr", "det", "gcd",
        "inj\u{2009}lim", "proj\u{2009}lim", "plim",
    ]

    /// Spacing commands, width in em.
    static let spaces: [String: String] = [
        ",": "0.1667", ":": "0.2222", ">": "0.2222", ";": "0.2778", "!": "-0.1667", " ": "0.3333",
        "quad": "1", "qquad": "2", "thinspace": "0.1667", "medspace": "0.2222", "thickspace": "0.2778",
        "enspace": "0.5", "negthinspace": "-0.1667", "enskip": "0.5", "nobreakspace": "0.3333", "space": "0.3333",
        "negmedspace": "-0.2222", "negthickspace": "-0.2778",
    ]

    /// Accents: mark and whether it stretches over a wide base.
    ///
    /// An operator stretches along the line in Chromium only if its character is in MathML
    /// Core's list of horizontal stretchy operators and the font has wider variants of that
    /// character's glyph. With Latin Modern Math, U+0302 passes both tests, so `\widehat` is
    /// U+0302 (up to the font's widest hat, as in TeX). No tilde does (the font's wide tildes
    /// belong to U+0303, which Chromium does not stretch along the line), so `\widetilde` is
    /// U+02DC: stretchy where a renderer can, a centred tilde in Chromium. No bar stretches
    /// reliably either (U+203E, U+00AF and U+0305 stay one character wide, which made
    /// `\overline{x+y}` read as x ∓ y; U+0332 falls short of wide bases at large sizes), so
    /// `\overline` and `\underline` are rules drawn by CSS (`MathDecoration.line`).
    static let accents: [String: (mark: String, over: Bool, stretchy: Bool)] = [
        "hat": ("^", true, false), "widehat": ("\u{0302}", true, true), "bar": ("¯", true, false),
        "tilde": ("~", true, false), "widetilde": ("\u{02DC}", true, true),
        "vec": ("→", true, false), "overrightarrow": ("→", true, true), "overleftarrow": ("←", true, true),
        "overleftrightarrow": ("↔", true, true), "underrightarrow": ("→", false, true),
        "underleftarrow": ("←", false, true), "underleftrightarrow": ("↔", false, true),
        "dot": ("˙", true, false), "ddot": ("¨", true, false), "dddot": ("\u{20DB}", true, false),
        "check": ("ˇ", true, false), "widecheck": ("ˇ", true, true), "breve": ("˘", true, false),
        "acute": ("´", true, false), "grave": ("`", true, false), "mathring": ("˚", true, false),
        "overbrace": ("⏞", true, true), "underbrace": ("⏟", false, true),
        "overparen": ("⏜", true, true), "underparen": ("⏝", false, true), "overbracket": ("⎴", true, true),
        "underbracket": ("⎵", false, true), "utilde": ("~", false, false),
    ]
}
