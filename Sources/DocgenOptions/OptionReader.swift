import DocgenDiagnostics
import Foundation

/// Reads the typed options of one directive body, collecting located diagnostics.
///
/// Each accessor marks its key as known; `finish()` then reports every key nobody asked
/// for as unknown, naming the keys the directive does accept. Wrong types are reported at
/// the value, missing required keys at the directive itself.
public struct OptionReader {
    public let context: String
    private let pairs: [(key: String, keyLocation: SourceLocation, value: OptionValue)]
    private let ownerLocation: SourceLocation
    private var consumed = Set<String>()
    public private(set) var diagnostics = DiagnosticList()

    /// `context` names the directive in messages ("experiment 'diabetes-lasso'").
    public init(_ value: OptionValue, context: String, ownerLocation: SourceLocation) {
        self.context = context
        self.ownerLocation = ownerLocation
        if case let .mapping(pairs, _) = value {
            self.pairs = pairs
        } else if case .null = value {
            self.pairs = []
        } else {
            self.pairs = []
            diagnostics.error("\(context): expected 'key: value' lines, found \(value.kindDescription)",
                              at: value.location)
        }
    }

    public mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.error(message, at: location)
    }

    public mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.warning(message, at: location)
    }

    /// The raw value of `key`, marking it known.
    public mutating func value(_ key: String) -> OptionValue? {
        consumed.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    /// Where `key` was written, or the directive's location when it is absent.
    public func location(of key: String) -> SourceLocation {
        pairs.first { $0.key == key }?.keyLocation ?? ownerLocation
    }

    public func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// Whether `key` was written as a single value (not a list or a mapping), without reading it.
    public func isScalar(_ key: String) -> Bool {
        if case .scalar = pairs.first(where: { $0.key == key })?.value { return true }
        return false
    }

    /// Whether `key` was written as a list (`[a, b]`), without reading it.
    public func isList(_ key: String) -> Bool {
        if case .sequence = pairs.first(where: { $0.key == key })?.value { return true }
        return false
    }

    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        if case let .scalar(s, _, at) = v {
            if let control = s.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }) {
                error("'\(key)' contains the control character U+\(String(format: "%04X", control.value)): inside double "
                      + "quotes YAML reads a backslash as an escape (\\a is U+0007, \\b U+0008, \\f U+000C, so \"$\\alpha$\" "
                      + "loses its backslash); write the text in single quotes ('$\\alpha$', with '' for an apostrophe) "
                      + "or without quotes", at: at)
                return nil
            }
            return s
        }
        typeError(key, v, expected: "a text value")
        return nil
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        if case let .scalar(s, true, _) = v {
            switch s.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        typeError(key, v, expected: "true or false")
        return nil
    }

    public mutating func number(_ key: String, required: Bool = false) -> Double? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        if let x = Self.number(v) { return x }
        typeError(key, v, expected: "a finite number")
        return nil
    }

    public mutating func integer(_ key: String, required: Bool = false) -> Int? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        if case let .scalar(s, true, _) = v, let i = Int(s) { return i }
        typeError(key, v, expected: "a whole number")
        return nil
    }

    public mutating func stringList(_ key: String) -> [String]? {
        guard let v = value(key) else { return nil }
        switch v {
        case let .scalar(s, _, _): return [s]
        case let .sequence(items, _):
            var out: [String] = []
            for item in items {
                guard case let .scalar(s, _, _) = item else {
                    typeError(key, item, expected: "a list of names")
                    return nil
                }
                out.append(s)
            }
            return out
        default:
            typeError(key, v, expected: "a list of names")
            return nil
        }
    }

    public mutating func numberList(_ key: String) -> [Double]? {
        guard let v = value(key) else { return nil }
        if let x = Self.number(v) { return [x] }
        guard case let .sequence(items, _) = v else {
            typeError(key, v, expected: "a list of numbers")
            return nil
        }
        var out: [Double] = []
        for item in items {
            guard let x = Self.number(item) else {
                typeError(key, item, expected: "a list of finite numbers")
                return nil
            }
            out.append(x)
        }
        return out
    }

    /// A text value that must be one of `allowed`; anything else is a located error with a did-you-mean.
    public mutating func choice(_ key: String, among allowed: [String]) -> String? {
        guard let text = string(key) else { return nil }
        if allowed.contains(text) { return text }
        var message = "'\(key)' must be \(Suggestion.list(allowed)), found '\(text)'"
        if let s = Suggestion.closest(to: text, in: allowed) { message += "; did you mean '\(s)'?" }
        error(message, at: value(key)?.location ?? location(of: key))
        return nil
    }

    /// Where the value of `key` was written (the value, not the key), or the owner when absent.
    public func valueLocation(of key: String) -> SourceLocation {
        pairs.first { $0.key == key }?.value.location ?? ownerLocation
    }

    /// The location of the mapping this reader reads (the directive's fence for a directive body).
    public var owner: SourceLocation { ownerLocation }

    /// Keys written in this mapping, in order.
    public var writtenKeys: [String] { pairs.map(\.key) }

    /// A nested mapping read with its own reader (for `split: {test: 0.2, seed: 42}`).
    public mutating func nested(_ key: String) -> OptionReader? {
        guard let v = value(key) else { return nil }
        guard case .mapping = v else {
            typeError(key, v, expected: "a mapping like {key: value}")
            return nil
        }
        return OptionReader(v, context: "'\(key)'", ownerLocation: location(of: key))
    }

    /// Merges a nested reader's findings (run `finish` on it first).
    public mutating func absorb(_ other: OptionReader) {
        diagnostics.append(contentsOf: other.diagnostics.items)
    }

    /// Reports unknown keys. `known` lists every key the directive accepts, for the hint.
    public mutating func finish(known: [String]) {
        for pair in pairs where !consumed.contains(pair.key) {
            var message = "unknown key '\(pair.key)' in \(context)"
            if let suggestion = Suggestion.closest(to: pair.key, in: known) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += " (expected one of: \(known.joined(separator: ", ")))"
            }
            diagnostics.error(message, at: pair.keyLocation)
        }
    }

    public mutating func missing(_ key: String) {
        diagnostics.error("\(context) needs '\(key)'", at: ownerLocation)
    }

    public mutating func typeError(_ key: String, _ v: OptionValue, expected: String) {
        diagnostics.error("'\(key)' must be \(expected), found \(Self.describe(v))", at: v.location)
    }

    /// A plain (unquoted) scalar as a finite number (`1e-3`, `1_000`), else nil.
    public static func number(_ v: OptionValue) -> Double? {
        guard case let .scalar(s, true, _) = v else { return nil }
        let t = s.replacingOccurrences(of: "_", with: "")
        guard let x = Double(t), x.isFinite else { return nil }
        return x
    }

    /// A value as quoted in messages: the scalar's text (shortened), else its kind.
    public static func describe(_ v: OptionValue) -> String {
        switch v {
        case let .scalar(s, _, _): return "'\(s.count > 40 ? String(s.prefix(40)) + "…" : s)'"
        default: return v.kindDescription
        }
    }
}
