import DocgenDiagnostics

/// Parses `{figure}` and `{table}` directive bodies.
struct FigureParser {
    static let commonKeys = ["experiment", "experiments", "label", "caption", "alt", "title"]

    func parseFigure(kindName: String, body: YAMLValue, at fence: SourceLocation, sourceText: String)
        -> (FigureDeclaration?, [Diagnostic])
    {
        guard let kind = FigureKind(rawValue: kindName) else {
            let names = FigureKind.allCases.map(\.rawValue)
            var message = "unknown figure kind '\(kindName)'"
            if let s = OptionReader.closest(to: kindName, in: names) { message += "; did you mean '\(s)'?" } else {
                message += " (expected one of: \(names.joined(separator: ", ")))"
            }
            return (nil, [.error(message, at: fence)])
        }
        var r = OptionReader(body, context: "figure \(kind.rawValue)", ownerLocation: fence)
        let experiments = readExperiments(&r, arity: kind.arity)
        let (label, caption) = readLabelAndCaption(&r, prefix: "fig-")
        let alt = r.string("alt")
        let title = r.string("title")
        var o = FigureOptions()
        switch kind {
        case .regularizationPath:
            if let x = r.string("x") {
                switch x {
                case "log-alpha", "alpha": o.xIsL1Norm = false
                case "l1-norm": o.xIsL1Norm = true
                default: r.error("'x' must be log-alpha or l1-norm, found '\(x)'", at: r.location(of: "x"))
                }
            }
            o.cvLines = r.bool("cv_lines") ?? false
        case .scores:
            if let m = r.string("metric") {
                if ["r2", "mse", "accuracy", "log-loss"].contains(m) { o.metric = m } else {
                    r.error("'metric' must be r2, mse, accuracy or log-loss, found '\(m)'", at: r.location(of: "metric"))
                }
            }
        case .cvCurve:
            break
        case .constraintGeometry:
            o.budget = r.number("budget")
            o.alpha = r.number("alpha")
            o.l1Ratio = r.number("l1_ratio")
            if o.budget != nil && o.alpha != nil {
                r.error("give either 'budget' or 'alpha', not both", at: r.location(of: "alpha"))
            }
            if let b = o.budget, b <= 0 { r.error("'budget' must be positive", at: r.location(of: "budget")) }
            if let a = o.alpha, a <= 0 { r.error("'alpha' must be positive", at: r.location(of: "alpha")) }
            if let q = o.l1Ratio, !(q > 0 && q < 1) {
                r.error("'l1_ratio' must be strictly between 0 and 1 for the elastic-net panel", at: r.location(of: "l1_ratio"))
            }
        case .penaltyShapes:
            if let panels = r.stringList("panels") {
                let allowed = ["penalties", "gradients", "thresholding"]
                for p in panels where !allowed.contains(p) {
                    r.error("unknown panel '\(p)' (expected \(allowed.joined(separator: ", ")))", at: r.location(of: "panels"))
                }
                if panels.isEmpty { r.error("'panels' lists no panels", at: r.location(of: "panels")) }
                o.panels = panels
            }
            o.threshold = r.number("threshold")
            if let t = o.threshold, t <= 0 { r.error("'threshold' must be positive", at: r.location(of: "threshold")) }
        case .polynomialFit:
            o.alphas = r.numberList("alphas")
            if let xs = o.alphas, xs.isEmpty || xs.count > 6 || xs.contains(where: { $0 < 0 }) {
                r.error("'alphas' must list 1 to 6 non-negative values", at: r.location(of: "alphas"))
            }
            if let layout = r.string("layout") {
                switch layout {
                case "panels": o.overlaid = false
                case "overlay": o.overlaid = true
                default: r.error("'layout' must be panels or overlay, found '\(layout)'", at: r.location(of: "layout"))
                }
            }
        case .complexityCurve:
            if let x = r.string("x") {
                switch x {
                case "degree": o.xIsDegree = true
                case "alpha", "log-alpha": o.xIsDegree = false
                default: r.error("'x' must be degree or alpha, found '\(x)'", at: r.location(of: "x"))
                }
            }
            if let ds = r.numberList("degrees") {
                if ds.isEmpty || ds.contains(where: { $0 < 1 || $0 > 30 || $0 != $0.rounded() }) {
                    r.error("'degrees' must list whole degrees from 1 to 30", at: r.location(of: "degrees"))
                } else {
                    o.degrees = ds.map { Int($0) }
                }
            }
            if o.xIsDegree && o.degrees == nil { o.degrees = Array(1...12) }
        case .coefficients:
            o.alpha = r.number("alpha")
            if let a = o.alpha, a < 0 { r.error("'alpha' must not be negative", at: r.location(of: "alpha")) }
        }
        r.finish(known: Self.commonKeys + kind.optionKeys)
        var locations: [String: SourceLocation] = [:]
        for key in Self.commonKeys + kind.optionKeys where r.has(key) { locations[key] = r.location(of: key) }
        guard !r.diagnostics.hasErrors, let caption else { return (nil, r.diagnostics.items) }
        return (FigureDeclaration(kind: kind, location: fence, experiments: experiments, label: label,
                                  caption: caption, alt: alt, title: title, options: o, sourceText: sourceText,
                                  keyLocations: locations), r.diagnostics.items)
    }

    func parseTable(kindName: String, body: YAMLValue, at fence: SourceLocation, sourceText: String)
        -> (TableDeclaration?, [Diagnostic])
    {
        guard let kind = TableKind(rawValue: kindName) else {
            let names = TableKind.allCases.map(\.rawValue).joined(separator: ", ")
            return (nil, [.error("unknown table kind '\(kindName)' (expected one of: \(names))", at: fence)])
        }
        var r = OptionReader(body, context: "table \(kind.rawValue)", ownerLocation: fence)
        let experiments = readExperiments(&r, arity: kind == .scores ? .many : .one)
        let (label, caption) = readLabelAndCaption(&r, prefix: "tbl-")
        var alphas: [Double]?
        var at: String?
        switch kind {
        case .coefficients:
            alphas = r.numberList("alphas")
            if alphas == nil && !r.diagnostics.hasErrors { r.missing("alphas") }
            if let xs = alphas, xs.isEmpty || xs.count > 12 || xs.contains(where: { $0 < 0 }) {
                r.error("'alphas' must list 1 to 12 non-negative values", at: r.location(of: "alphas"))
            }
        case .scores:
            if let v = r.value("at") {
                if case let .scalar(s, _, _) = v, ["best", "min", "1se"].contains(s) || OptionReader.number(v) != nil {
                    at = s
                } else {
                    r.typeError("at", v, expected: "best, min, 1se or a number")
                }
            }
        case .cv:
            break
        }
        let extra: [String] = kind == .coefficients ? ["alphas"] : kind == .scores ? ["at"] : []
        r.finish(known: ["experiment", "experiments", "label", "caption"] + extra)
        guard !r.diagnostics.hasErrors, let caption else { return (nil, r.diagnostics.items) }
        return (TableDeclaration(kind: kind, location: fence, experiments: experiments, label: label,
                                 caption: caption, alphas: alphas, at: at, sourceText: sourceText),
                r.diagnostics.items)
    }

    private func readExperiments(_ r: inout OptionReader, arity: FigureKind.Arity) -> [(id: String, at: SourceLocation)] {
        var out: [(String, SourceLocation)] = []
        if let one = r.string("experiment") { out.append((one, r.location(of: "experiment"))) }
        if let many = r.stringList("experiments") {
            out.append(contentsOf: many.map { ($0, r.location(of: "experiments")) })
        }
        switch arity {
        case .none:
            if let first = out.first { r.error("this kind draws no experiment; remove 'experiment'", at: first.1) }
            return []
        case .one:
            if out.isEmpty { r.missing("experiment") }
            if out.count > 1 { r.error("this kind draws exactly one experiment", at: out[1].1) }
        case .many:
            if out.isEmpty { r.missing("experiments") }
        }
        return out
    }

    private func readLabelAndCaption(_ r: inout OptionReader, prefix: String) -> (String?, String?) {
        let label = r.string("label")
        if let label, !label.hasPrefix(prefix) || !ExperimentParser.isValidID(label) {
            r.error("'label' must start with '\(prefix)' and use letters, digits, '-' or '_', found '\(label)'",
                    at: r.location(of: "label"))
        }
        let caption = r.string("caption", required: true)
        return (label, caption)
    }
}
