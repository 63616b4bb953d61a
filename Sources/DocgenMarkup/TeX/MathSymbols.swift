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
        "varGamma": "𝛤", "varDelta": "𝛥", "varTheta": "𝛩", "varLambda": "𝛬", "varXi": "𝛯",
        "varPi": "𝛱", "varSigma": "𝛴", "varUpsilon": "𝛶", "varPhi": "𝛷", "varPsi": "𝛹", "varOmega": "𝛺",
    ]

    /// Ordinary symbols set as identifiers.
    static let identifiers: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "emptyset": "∅",
        "varnothing": "∅", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "imath": "ı", "jmath": "ȷ",
        "wp": "℘",
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
    ]

    /// Delimiters for `\left`, `\right`, `\middle` and plain use; "." is the empty delimiter.
    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", ".": "",
        "\\{": "{", "\\}": "}", "\\lbrace": "{", "\\rbrace": "}", "\\|": "‖", "\\Vert": "‖", "\\vert": "|",
        "\\lvert": "|", "\\rvert": "|", "\\lVert": "‖", "\\rVert": "‖", "\\langle": "⟨", "\\rangle": "⟩",
        "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉", "\\lbrack": "[", "\\rbrack": "]",
        "\\backslash": "∖",
    ]

    /// Delimiters after which a sign is binary (`(a) - b`); bars count as closing.
    static let closingDelimiters: Set<String> = [")", "]", "}", "|", "‖", "⟩", "⌋", "⌉", "′", "″", "′′", "!"]

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
    ]
    static let limitFunctionNames: Set<String> = [
        "min", "max", "inf", "sup", "lim", "lim\u{2009}inf", "lim\u{2009}sup", "arg\u{2009}min", "arg\u{2009}max", "Pr", "det", "gcd",
    ]

    /// Spacing commands, width in em.
    static let spaces: [String: String] = [
        ",": "0.1667", ":": "0.2222", ">": "0.2222", ";": "0.2778", "!": "-0.1667", " ": "0.3333",
        "quad": "1", "qquad": "2", "thinspace": "0.1667", "medspace": "0.2222", "thickspace": "0.2778",
        "enspace": "0.5", "negthinspace": "-0.1667",
    ]

    /// Accents: mark and whether it stretches over a wide base.
    static let accents: [String: (mark: String, over: Bool, stretchy: Bool)] = [
        "hat": ("^", true, false), "widehat": ("^", true, true), "bar": ("¯", true, false),
        "overline": ("‾", true, true), "tilde": ("~", true, false), "widetilde": ("~", true, true),
        "vec": ("→", true, false), "overrightarrow": ("→", true, true), "dot": ("˙", true, false),
        "ddot": ("¨", true, false), "check": ("ˇ", true, false), "breve": ("˘", true, false),
        "acute": ("´", true, false), "grave": ("`", true, false), "underline": ("_", false, true),
        "overbrace": ("⏞", true, true), "underbrace": ("⏟", false, true),
    ]
}
