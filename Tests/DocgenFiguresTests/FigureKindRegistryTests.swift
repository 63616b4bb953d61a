import DocgenDiagnostics
import DocgenFigures
import DocgenOptions
import XCTest

/// The figure and table registries, and the bargain every registered kind keeps with the build: the build reads the
/// common keys, the kind reads its own `optionKeys` (all of them, and no others), and whatever is left the build
/// reports as unknown.
final class FigureKindRegistryTests: XCTestCase {
    /// The keys the build reads itself on every `{figure}` and `{table}`: DocgenBuild's `ExhibitParser.figureKeys`
    /// and `tableKeys`, restated here because this test target sees only DocgenFigures.
    static let commonFigureKeys = ["experiment", "experiments", "label", "caption", "alt", "title"]
    static let commonTableKeys = ["experiment", "experiments", "label", "caption"]

    /// Valid bodies per kind name; together they write every option key of the kind. A kind added to a registry
    /// without bodies here fails `testEveryDeclaredKeyIsReadByItsKind`.
    static let figureBodies: [String: [OptionPairs]] = [
        "regularization-path": [[("x", "l1-norm"), ("cv_lines", "true"), ("label", ["bmi", "s5"])]],
        "scores": [[("metric", "mse"), ("regions", "true")]],
        "cv-curve": [[]],
        // 'budget' and 'alpha' exclude each other: one body for each form.
        "constraint-geometry": [[("budget", "0.8"), ("l1_ratio", "0.3"), ("corners", "true")],
                                [("alpha", ["0.1", "1"]), ("panels", ["lasso", "elastic-net"])]],
        "penalty-shapes": [[("panels", ["thresholding"]), ("threshold", "0.5")]],
        "polynomial-fit": [[("alphas", ["0.001", "1"]), ("layout", "overlay")]],
        "complexity-curve": [[("x", "degree"), ("degrees", ["1", "2", "3"]), ("regions", "true")]],
        "coefficients": [[("alpha", "0.1")]],
        "training-curve": [[("alphas", ["0.1", "0.001"]), ("scale", "linear")]],
        "weight-histogram": [[("alpha", "0.01"), ("bins", "21")]],
        "decision-boundary": [[("alphas", ["0.1", "0.01"])]],
        "chart": [[("x", "alpha"), ("y", ["coef.bmi", "coef.s5"]), ("facet", "feature"), ("x_scale", "log"),
                   ("y_scale", "linear"), ("label", ["bmi"])]],
        "bias-variance": [[("alphas", ["1e-10", "1"]), ("samples", "20")]],
    ]
    static let tableBodies: [String: [OptionPairs]] = [
        "coefficients": [[("alphas", ["0.1", "1"]), ("rows", "alpha")]],
        "scores": [[("at", "1se")]],
        "cv": [[]],
    ]

    // MARK: Names

    func testEveryFigureKindHasAUniqueName() {
        let names = FigureKinds.all.map { $0.name }
        XCTAssertEqual(Set(names).count, names.count, "\(names)")
        XCTAssertEqual(FigureKinds.names, names, "names in registry order")
        XCTAssertEqual(Set(names), Set(Self.figureBodies.keys))
    }

    func testEveryTableKindHasAUniqueName() {
        let names = TableKinds.all.map { $0.name }
        XCTAssertEqual(Set(names).count, names.count, "\(names)")
        XCTAssertEqual(TableKinds.names, names, "names in registry order")
        XCTAssertEqual(Set(names), Set(Self.tableBodies.keys))
    }

    func testEveryKindRoundTripsThroughItsName() {
        for kind in FigureKinds.all {
            XCTAssertEqual(FigureKinds.kind(named: kind.name).map(ObjectIdentifier.init), ObjectIdentifier(kind), kind.name)
        }
        for kind in TableKinds.all {
            XCTAssertEqual(TableKinds.kind(named: kind.name).map(ObjectIdentifier.init), ObjectIdentifier(kind), kind.name)
        }
        XCTAssertNil(FigureKinds.kind(named: "scatter"))
        XCTAssertNil(FigureKinds.kind(named: "cv"), "table names are not figure names")
        XCTAssertNil(TableKinds.kind(named: "cv-curve"), "figure names are not table names")
    }

    func testArities() {
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: FigureKinds.all.map { ($0.name, $0.arity) }), [
            "regularization-path": .one, "scores": .one, "cv-curve": .one, "constraint-geometry": .one,
            "penalty-shapes": .none, "polynomial-fit": .one, "complexity-curve": .one, "coefficients": .many,
            "bias-variance": .one,
            "training-curve": .one, "weight-histogram": .many, "decision-boundary": .one, "chart": .many,
        ])
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: TableKinds.all.map { ($0.name, $0.arity) }),
                       ["coefficients": .one, "scores": .many, "cv": .one])
    }

    // MARK: Option keys

    func testOptionKeysAreDistinctAndDoNotCollideWithTheCommonKeys() {
        for kind in FigureKinds.all {
            XCTAssertEqual(Set(kind.optionKeys).count, kind.optionKeys.count, "\(kind.name) lists a key twice")
            // `label: [names]` (a list of features to label) shares its key with the figure's own label (a name): the
            // build reads a single name, the kinds that declare `label` read a list.
            XCTAssertEqual(Set(kind.optionKeys).intersection(Self.commonFigureKeys).subtracting(["label"]), [],
                           "figure \(kind.name)")
        }
        for kind in TableKinds.all {
            XCTAssertEqual(Set(kind.optionKeys).count, kind.optionKeys.count, "\(kind.name) lists a key twice")
            XCTAssertEqual(Set(kind.optionKeys).intersection(Self.commonTableKeys), [], "table \(kind.name)")
        }
    }

    /// Every declared key is read: with all of them written, the build has none left to call unknown.
    func testEveryDeclaredKeyIsReadByItsKind() {
        for kind in FigureKinds.all {
            let bodies = Self.figureBodies[kind.name] ?? []
            XCTAssertEqual(Set(bodies.flatMap { $0.map(\.key) }), Set(kind.optionKeys), "the sample bodies of figure \(kind.name)")
            for body in bodies { assertReadsEveryKey(read(kind, body), "figure \(kind.name)") }
        }
        for kind in TableKinds.all {
            let bodies = Self.tableBodies[kind.name] ?? []
            XCTAssertEqual(Set(bodies.flatMap { $0.map(\.key) }), Set(kind.optionKeys), "the sample bodies of table \(kind.name)")
            for body in bodies { assertReadsEveryKey(read(kind, body), "table \(kind.name)") }
        }
    }

    /// A kind reads no key it does not declare, not even another kind's or a common one: each is left unread.
    func testAKindReadsNoKeyItDoesNotDeclare() {
        let everyKey = Set(Self.commonFigureKeys + FigureKinds.all.flatMap { $0.optionKeys } + TableKinds.all.flatMap { $0.optionKeys })
        for kind in FigureKinds.all {
            assertLeavesUnread(everyKey.subtracting(kind.optionKeys).sorted(), { read(kind, $0) }, "figure \(kind.name)")
        }
        for kind in TableKinds.all {
            assertLeavesUnread(everyKey.subtracting(kind.optionKeys).sorted(), { read(kind, $0) }, "table \(kind.name)")
        }
    }

    /// A key nobody knows does not trouble the kind; the build reports it where it was written.
    func testUnknownKeysAreLeftForTheBuildToReport() throws {
        for kind in FigureKinds.all {
            let body = (Self.figureBodies[kind.name]?.first ?? []) + [("colour", "red")]
            try assertReportsOnlyTheUnknownKey(read(kind, body), known: Self.commonFigureKeys + kind.optionKeys,
                                               line: DirectiveBody.fenceLine + body.count, "figure \(kind.name)")
        }
        for kind in TableKinds.all {
            let body = (Self.tableBodies[kind.name]?.first ?? []) + [("colour", "red")]
            try assertReportsOnlyTheUnknownKey(read(kind, body), known: Self.commonTableKeys + kind.optionKeys,
                                               line: DirectiveBody.fenceLine + body.count, "table \(kind.name)")
        }
    }

    // MARK: Helpers

    /// What a kind made of `body`: whether it returned itself, and the reader after it.
    private struct Read { var accepted: Bool; var reader: OptionReader }

    private func read<K: FigureKind>(_ kind: K.Type, _ body: OptionPairs) -> Read {
        let r = K.reading(pairs: body)
        return Read(accepted: r.kind != nil, reader: r.reader)
    }

    private func read<K: TableKind>(_ kind: K.Type, _ body: OptionPairs) -> Read {
        let r = K.reading(pairs: body)
        return Read(accepted: r.kind != nil, reader: r.reader)
    }

    private func assertReadsEveryKey(_ read: Read, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(read.accepted, "\(what) rejects its sample body: \(read.reader.diagnostics.items.map(located))", file: file, line: line)
        var reader = read.reader
        reader.finish(known: [])
        XCTAssertEqual(reader.diagnostics.items.map(located), [], "\(what) leaves declared keys unread", file: file, line: line)
    }

    private func assertLeavesUnread(_ keys: [String], _ read: (OptionPairs) -> Read, _ what: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        var reader = read(keys.map { ($0, "1") }).reader
        let before = reader.diagnostics.items.count
        reader.finish(known: [])
        let unread = reader.diagnostics.items.dropFirst(before).compactMap { d -> String? in
            guard d.message.hasPrefix("unknown key '") else { return nil }
            return d.message.dropFirst("unknown key '".count).split(separator: "'").first.map(String.init)
        }
        XCTAssertEqual(unread, keys, "\(what) reads keys it does not declare", file: file, line: line)
    }

    private func assertReportsOnlyTheUnknownKey(_ read: Read, known: [String], line keyLine: Int, _ what: String,
                                                file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(read.accepted, "\(what) rejects a body with an unknown key", file: file, line: line)
        XCTAssertEqual(read.reader.diagnostics.items.map(located), [], "\(what) reports the unknown key itself", file: file, line: line)
        var reader = read.reader
        reader.finish(known: known)
        let reported = try XCTUnwrap(reader.diagnostics.items.first, "\(what): the build reports nothing", file: file, line: line)
        XCTAssertEqual(reader.diagnostics.items.count, 1, file: file, line: line)
        XCTAssertEqual(reported.severity, .error, file: file, line: line)
        XCTAssertTrue(reported.message.hasPrefix("unknown key 'colour' in \(what)"), reported.message, file: file, line: line)
        XCTAssertEqual(reported.location, SourceLocation(file: DirectiveBody.file, line: keyLine, column: 1), "at the key", file: file, line: line)
    }

    func testAKindThatReportedAnOptionErrorIsNotReturned() {
        // A list where every option wants a scalar (or a mapping where one wants a list) is a type error for
        // every key of every kind; the kind must then not come back half-read.
        for type in FigureKinds.all {
            for key in type.optionKeys {
                var r = OptionReader(.mapping([(key, DirectiveBody.fence, .mapping([], at: DirectiveBody.fence))],
                                              at: DirectiveBody.fence), context: "figure", ownerLocation: DirectiveBody.fence)
                let kind = make(type, &r)
                XCTAssertTrue(r.diagnostics.hasErrors, "\(type.name): a mapping for '\(key)' was accepted")
                XCTAssertNil(kind, "\(type.name) returned a kind after an error at '\(key)'")
            }
        }
    }

    private func make<K: FigureKind>(_ type: K.Type, _ r: inout OptionReader) -> K? { K(options: &r) }
}
