import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import DocgenOptions
import DocgenPlotting
import XCTest

/// Checks shared by the figure-kind tests.
enum FigureChecks {
    /// PNG signature, 1600×1000 IHDR, decodable by libpng.
    static func assertValidPNG(_ png: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], file: file, line: line)
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(w, 1600, file: file, line: line); XCTAssertEqual(h, 1000, file: file, line: line)
        let decoded = try PNGDecoder.decode(png)
        XCTAssertEqual(decoded.width, 1600, file: file, line: line)
    }

    /// No two drawn text boxes overlap and every one lies inside the figure.
    static func assertTextDoesNotOverlap(_ figure: Figure, theme: Theme = .light, file: StaticString = #filePath, line: UInt = #line) throws {
        let rendered = try FigureRenderer.render(figure, theme: theme)
        let boxes = rendered.textBoxes
        for (i, a) in boxes.enumerated() {
            XCTAssertTrue(a.x >= -0.5 && a.y >= -0.5 && a.maxX <= figure.width + 0.5 && a.maxY <= figure.height + 0.5,
                          "text box \(a) leaves the figure", file: file, line: line)
            for b in boxes[(i + 1)...] where a.insetBy(0.5).intersects(b.insetBy(0.5)) {
                XCTFail("text boxes overlap: \(a) and \(b)", file: file, line: line)
            }
        }
    }

    /// The CSV's rows of cells, header first; a quoted cell (`"lasso, α = 0.3"`) is one cell, its `""` one quote.
    static func csvRows(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = ""
        var quoted = false, previous: Character?
        for c in csv {
            if quoted {
                if c == "\"" { quoted = false } else { cell.append(c) }
            } else if c == "\"" {
                if previous == "\"" { cell.append(c) }
                quoted = true
            } else if c == "," {
                row.append(cell); cell = ""
            } else if c == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else {
                cell.append(c)
            }
            previous = c
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}

// MARK: Directive options

/// One option value in a test's directive body: a plain (unquoted) scalar such as `0.1` or `l1-norm`, or a flow
/// list such as `[0.1, 1]`.
indirect enum OptionLiteral: ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case scalar(String)
    case list([OptionLiteral])

    init(stringLiteral value: String) { self = .scalar(value) }
    init(arrayLiteral elements: OptionLiteral...) { self = .list(elements) }
}

/// A directive body's `key: value` lines in the order written.
typealias OptionPairs = [(key: String, value: OptionLiteral)]

/// Directive bodies as the build hands them to a kind: the fence on line `fenceLine` of `file`, then one
/// `key: value` line per option, in the order written (the first key on line `fenceLine + 1`), each value after
/// its key on the same line.
enum DirectiveBody {
    static let file = "Content/chapter.md"
    static let fenceLine = 20
    static var fence: SourceLocation { SourceLocation(file: file, line: fenceLine, column: 1) }

    /// The option tree of `pairs`.
    static func options(_ pairs: OptionPairs) -> OptionValue {
        var mapping: [(key: String, keyLocation: SourceLocation, value: OptionValue)] = []
        for (i, pair) in pairs.enumerated() {
            let line = fenceLine + 1 + i
            let value = tree(pair.value, at: SourceLocation(file: file, line: line, column: pair.key.count + 3))
            mapping.append((pair.key, SourceLocation(file: file, line: line, column: 1), value))
        }
        return .mapping(mapping, at: fence)
    }

    /// The line `key` is written on in `pairs`; the fence's line for nil.
    static func line(of key: String?, in pairs: OptionPairs) -> Int? {
        guard let key else { return fenceLine }
        return pairs.firstIndex { $0.key == key }.map { fenceLine + 1 + $0 }
    }

    private static func tree(_ literal: OptionLiteral, at location: SourceLocation) -> OptionValue {
        switch literal {
        case let .scalar(text): return .scalar(text, plain: true, at: location)
        case let .list(items):
            // `[a, b]`: each item a few columns after the previous one.
            let values = items.enumerated().map { k, item in
                tree(item, at: SourceLocation(file: location.file, line: location.line, column: location.column + 1 + 4 * k))
            }
            return .sequence(values, at: location)
        }
    }
}

/// What a kind made of a directive body: the kind (nil when it rejected the options), what it reported, and the
/// reader, so a test can go on as the build does (`finish(known:)`).
struct OptionReading<Kind> {
    var kind: Kind?
    var diagnostics: [Diagnostic]
    var reader: OptionReader
    var body: OptionPairs
}

extension FigureKind {
    /// Reads `body` as the options of `{figure} <name>`.
    static func reading(_ body: KeyValuePairs<String, OptionLiteral>) -> OptionReading<Self> {
        reading(pairs: body.map { ($0.key, $0.value) })
    }

    static func reading(pairs body: OptionPairs) -> OptionReading<Self> {
        var r = OptionReader(DirectiveBody.options(body), context: "figure \(name)", ownerLocation: DirectiveBody.fence)
        let kind = Self(options: &r)
        return OptionReading(kind: kind, diagnostics: r.diagnostics.items, reader: r, body: body)
    }
}

extension TableKind {
    /// Reads `body` as the options of `{table} <name>`.
    static func reading(_ body: KeyValuePairs<String, OptionLiteral>) -> OptionReading<Self> {
        reading(pairs: body.map { ($0.key, $0.value) })
    }

    static func reading(pairs body: OptionPairs) -> OptionReading<Self> {
        var r = OptionReader(DirectiveBody.options(body), context: "table \(name)", ownerLocation: DirectiveBody.fence)
        let kind = Self(options: &r)
        return OptionReading(kind: kind, diagnostics: r.diagnostics.items, reader: r, body: body)
    }
}

/// `"error Content/chapter.md:23: message"`: a diagnostic's severity, file, line and message, the parts an author
/// sees first (the column is left out: some kinds point at the key, others at the value on the same line).
func located(_ d: Diagnostic) -> String {
    "\(d.severity.rawValue) \(d.location.map { "\($0.file):\($0.line)" } ?? "nowhere"): \(d.message)"
}

/// The kind read from options that must be accepted without a diagnostic.
func accepted<Kind>(_ reading: OptionReading<Kind>, file: StaticString = #filePath, line: UInt = #line) throws -> Kind {
    XCTAssertEqual(reading.diagnostics.map(located), [], file: file, line: line)
    return try XCTUnwrap(reading.kind, "the kind rejected valid options", file: file, line: line)
}

/// Options rejected with exactly one error, `message`, on the line where `key` is written (nil: the fence's line),
/// and no kind.
func assertRejected<Kind>(_ reading: OptionReading<Kind>, _ message: String, at key: String?,
                          file: StaticString = #filePath, line: UInt = #line) {
    let place = DirectiveBody.line(of: key, in: reading.body).map { "\(DirectiveBody.file):\($0)" } ?? "nowhere"
    XCTAssertEqual(reading.diagnostics.map(located), ["error \(place): \(message)"], file: file, line: line)
    XCTAssertNil(reading.kind, "a kind that reported an error must not be returned", file: file, line: line)
}

// MARK: Experiments

enum Experiments {
    /// An experiment as planned, before anything is fitted; `inputs` is the count of raw input columns when known.
    static func planned(_ spec: ExperimentSpec, id: String = "e", inputs: Int? = nil,
                        generator: GeneratorSpec? = nil) -> PlannedExperiment {
        PlannedExperiment(id: id, spec: spec, inputCount: inputs, dataName: "test data", generator: generator)
    }

    /// `spec` fitted on `data`, with the outputs `kind` asks for computed as the build computes them.
    static func finished(_ data: Dataset, _ spec: ExperimentSpec, id: String = "e", generator: GeneratorSpec? = nil,
                         outputsFor kind: (any FigureKind)? = nil) throws -> FinishedExperiment {
        let planned = planned(spec, id: id, inputs: data.featureCount, generator: generator)
        let result = try runExperiment(data, spec)
        var outputs: [ExperimentOutputRequest: ExperimentOutput] = [:]
        for request in kind?.outputs(for: planned) ?? [] {
            outputs[request] = try computeOutput(request, data: data, spec: spec, result: result, generator: generator)
        }
        return FinishedExperiment(planned: planned, result: result, outputs: outputs)
    }
}

extension FigureChecks {
    /// The CSV's cells below the header as numbers (nil for text and empty cells).
    static func csvNumbers(_ csv: String) -> [[Double?]] {
        csvRows(csv).dropFirst().map { $0.map(Double.init) }
    }

    /// The error `body` throws, as a `FigureInputError` (failing when it throws nothing or something else).
    static func figureInputError(_ body: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) -> FigureInputError? {
        do {
            _ = try body()
            XCTFail("expected a FigureInputError, nothing was thrown", file: file, line: line)
        } catch let error as FigureInputError {
            return error
        } catch {
            XCTFail("expected a FigureInputError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
