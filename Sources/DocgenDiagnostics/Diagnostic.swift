/// How serious a diagnostic is. Errors fail the build; warnings fail it only under `--strict`.
public enum Severity: String, Sendable, Hashable, Comparable {
    case note
    case warning
    case error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One finding of a build: what went wrong, how badly, and where.
///
/// Diagnostics are values: every stage collects them and the build prints them once,
/// compiler style (`Content/lasso.md:12:3: error: …`), instead of throwing on the first.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var message: String
    /// Where the problem is; `nil` only for problems that belong to no file
    /// (for example an output folder that cannot be written).
    public var location: SourceLocation?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// `path:line:col: severity: message`, or `docgen: severity: message` without a location.
    public var description: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "docgen: \(severity.rawValue): \(message)"
    }
}

/// A bag of diagnostics collected during one stage of a build.
public struct DiagnosticList: Sendable {
    public private(set) var items: [Diagnostic] = []
    public init() {}
    public init(_ items: [Diagnostic]) { self.items = items }

    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf ds: some Sequence<Diagnostic>) { items.append(contentsOf: ds) }
    public mutating func error(_ message: String, at location: SourceLocation?) {
        items.append(.error(message, at: location))
    }
    public mutating func warning(_ message: String, at location: SourceLocation?) {
        items.append(.warning(message, at: location))
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    /// Sorted by file, line and column, duplicates removed; location-less ones last.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        let unique = items.filter { seen.insert($0).inserted }
        return unique.sorted { a, b in
            switch (a.location, b.location) {
            case let (x?, y?): return x < y || (x == y && a.severity > b.severity)
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a.message < b.message
            }
        }
    }
}
