/// Problems in input data (a CSV file or a generator specification).
///
/// Locations are 1-based: `line` is the physical line in the file (the header is line 1, so the first data
/// row is line 2), `row` is the 1-based data row (header excluded) and `column` the 1-based column in the file.
/// `key` names the experiment option at fault when the problem is not inside the file (e.g. `"target"`).
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable {
        case unreadableFile, emptyFile, raggedRow, missingCell, nonNumericCell, nonFiniteCell
        case unknownColumn, duplicateColumn, tooFewRows, invalidGenerator, invalidPolynomial
        /// More values than `SizeLimits` allows; not a problem of any one cell.
        case tooLarge
    }
    public var kind: Kind
    /// What is wrong, without where: the location travels in `file`, `line` and `column`.
    public var message: String
    /// The file path as given to the loader, when the problem is in a file.
    public var file: String?
    /// 1-based physical line in the file (header = line 1).
    public var line: Int?
    /// 1-based data row (first row after the header = 1).
    public var row: Int? { line.map { $0 - 1 } }
    /// 1-based column in the file.
    public var column: Int?
    /// The header name of that column, when known.
    public var columnName: String?
    /// The experiment option at fault (`"target"`, `"features"`, `"data"`, `"polynomial"`), when any.
    public var key: String?

    public init(kind: Kind, message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
                columnName: String? = nil, key: String? = nil) {
        self.kind = kind; self.message = message; self.file = file; self.line = line
        self.column = column; self.columnName = columnName; self.key = key
    }

    /// `file:line:column: message` (as much of the location as is known).
    public var description: String {
        guard let file else { return message }
        var location = file
        if let line { location += ":\(line)"; if let column { location += ":\(column)" } }
        return location + ": " + message
    }
}

/// Invalid model options. `key` is the experiment option to blame, spelled as in the directive YAML
/// (`"alphas"`, `"l1_ratio"`, `"penalty"`, `"target"`, `"split"`, `"cv"`, `"tolerance"`, `"max_iterations"`,
/// `"polynomial"`, `"model"`, `"budget"`).
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var message: String
    public init(key: String, message: String) { self.key = key; self.message = message }
    public var description: String { message }
}

/// Something the caller should be told about but that does not stop the fit: the numbers are published, but they
/// may mislead. `key` names the option to point at, so the build can place the warning on the directive's line.
public struct ModelWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The solver stopped before its certificate met the tolerance at `alpha` (key `max_iterations`).
        case notConverged
        /// A feature does not vary in the fitting rows; its coefficient is 0 (key `features`).
        case constantFeature
        /// Least squares at α = 0 on rank-deficient features; the minimum-norm solution is reported (key `alphas`).
        case rankDeficient
        /// The classes are linearly separable: coefficients grow without bound as α falls (key `alphas`).
        case separableClasses
        /// The best test score or cross-validation's α_min is at an end of the grid, so the optimum may lie
        /// outside it, or is the empty model (key `alphas`).
        case bestAtGridEdge
        /// The test part has too few rows for its scores to compare α (key `split`).
        case smallTestSet
        /// A figure, table or `{value}` asked for an α the grid does not have; `alpha` is the nearest one, used
        /// instead (key: the option that asked).
        case alphaNotOnGrid
        /// A class has fewer rows than the stratified folds (scikit-learn warns and goes on; key `cv`).
        case smallClass
    }
    public var kind: Kind
    public var message: String
    /// The penalty α concerned, when the warning is about one α of the path, else nil.
    public var alpha: Double?
    /// The duality gap reached (absolute, objective units), for `notConverged`.
    public var gap: Double?
    /// The feature concerned (for `constantFeature`).
    public var feature: String?
    /// The option to point at (e.g. `"max_iterations"`), when one is relevant.
    public var key: String?

    public init(kind: Kind, message: String, alpha: Double? = nil, gap: Double? = nil,
                feature: String? = nil, key: String? = nil) {
        self.kind = kind; self.message = message; self.alpha = alpha; self.gap = gap
        self.feature = feature; self.key = key
    }
    public var description: String { message }
}
