/// A display formula standing as a block of its own.
public struct DisplayMath: Sendable, Equatable {
    public var formula: Formula
    /// The number shown beside a labelled equation, without parentheses ("2.1"), from the
    /// resolver; nil when the equation is unlabelled or the resolver numbers none.
    public var number: String?

    public init(formula: Formula, number: String? = nil) {
        self.formula = formula
        self.number = number
    }

    /// The anchor of a labelled equation (its `eq-…` label), else nil.
    public var id: String? { formula.label }
}
