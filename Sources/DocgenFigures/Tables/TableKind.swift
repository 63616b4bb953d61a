import DocgenModels
import DocgenOptions

/// A kind of `{table}`: one type, in one file, registered in `TableKinds.all`. Like a figure kind it reads its
/// options, says what it needs of its experiments, and builds a format-neutral table from finished experiments;
/// the site renders it.
public protocol TableKind: Sendable {
    /// The name after `{table}` (`coefficients`).
    static var name: String { get }
    static var arity: ExperimentArity { get }
    /// Keys beyond the common ones (experiment(s), label, caption).
    static var optionKeys: [String] { get }
    init?(options: inout OptionReader)
    func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement]
    /// The table, from its experiments in the directive's order.
    func table(_ experiments: [FinishedExperiment]) throws -> TableModel
    /// The α it reads from each experiment's grid, with the option that named them (see `FigureKind`).
    var requestedAlphas: [AlphaRequest] { get }
}

extension TableKind {
    public var requestedAlphas: [AlphaRequest] { [] }
    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] { [] }
    /// What is wrong with tabulating `experiment`, one sentence per unmet requirement.
    public func problems(with experiment: PlannedExperiment) -> [String] {
        requirements(for: experiment).compactMap { $0.problem(with: experiment, directive: "table \(Self.name)") }
    }
}

/// The registered table kinds.
public enum TableKinds {
    public static let all: [any TableKind.Type] = [CoefficientsTable.self, ScoresTable.self, CrossValidationTable.self]

    public static var names: [String] {
        var names: [String] = []
        for kind in all { names.append(kind.name) }
        return names
    }

    public static func kind(named name: String) -> (any TableKind.Type)? {
        for kind in all where kind.name == name { return kind }
        return nil
    }
}

/// A table as plain text cells: a header row, body rows, and which columns hold numbers (right-aligned).
public struct TableModel: Sendable, Equatable {
    /// One cell: its plain text, and whether it is set in emphasis (a label such as "intercept", not data).
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var emphasized: Bool
        public init(_ text: String, emphasized: Bool = false) { self.text = text; self.emphasized = emphasized }
    }
    public var header: [String]
    public var rows: [[Cell]]
    /// Columns from this index on hold numbers.
    public var numericColumnsFrom: Int

    public init(header: [String], rows: [[Cell]], numericColumnsFrom: Int) {
        self.header = header; self.rows = rows; self.numericColumnsFrom = numericColumnsFrom
    }

    /// A number in a table: four significant digits; exact zeros of a sparse fit print as `0`.
    static func number(_ x: Double) -> String { x == 0 ? "0" : NumberFormatting.prose(x, digits: 4) }
}
