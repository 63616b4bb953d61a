import Foundation

/// Experiments with at least this many values (rows × features) are fitted from moments when their family can be.
let momentFitCells = 1_000_000

/// A family whose objective depends on the rows only through their means and second moments (least squares): its
/// path, α_max and scores on any set of rows follow from that set's `ShiftedSums`, so cross-validation needs one pass
/// over the data for every fold together instead of a copy, a fit and predictions per fold.
protocol MomentFittable: ModelFamily {
    /// Whether a fit along `grid` may go by moments at all (false when it surely needs the rows, such as ridge's
    /// SVD), checked before the pass over the data; `momentPath` may still decline.
    func mayFitFromMoments(_ grid: AlphaGrid) -> Bool
    /// Whether α_max is the exact bound from which the weights are zero (then the path's top is the null solution,
    /// as the family's `nullSolution` says for rows).
    var zeroWeightsFromAlphaMax: Bool { get }
    /// α_max on a design (the same bound `alphaMax` computes from the rows).
    func alphaMax(_ design: GaussianDesign) -> Double
    /// The path at `alphas` on a design made from moments, or nil when this fit needs the rows (α = 0, ridge's SVD, a
    /// grid far below α_max, or an α the covariance solver could not certify): the experiment then runs on rows.
    func momentPath(_ design: GaussianDesign, alphas: [Double], settings: SolverSettings) throws -> FittedPath?
}

/// What an experiment's fit produced, by rows or by moments: the transform and the path on the fitting rows, the
/// grid, and the per-α scores.
struct FittedExperiment {
    var transform: FeatureTransform
    var alphaMax: Double
    var grid: (values: [Double], alphas: [Double])
    var path: FittedPath
    /// `<part>_<metric>` columns for the scored metrics of the training part and, with a split, the test part.
    var metrics: [String: [Double]]
    /// Per α, whether the fit puts every training row on its side (only computed for families that diverge then).
    var separatesTraining: [Bool]
    var crossValidation: CrossValidationSummary?
    /// Whether α_max is the exact bound at and above which the weights are zero (the family's `nullSolution`).
    var exactAlphaMax: Bool
}

/// The fitted part of an experiment from moments: one pass over `data` (already expanded) sums the test rows and
/// each cross-validation fold's held-out rows (or, without cross-validation, all the training rows) about the data's
/// mean; every fit and score then costs O(p²) per α whatever the number of rows.
///
/// The same objective, grid, transform conventions, folds and scores as the row route (`runExperiment`); the numbers
/// agree with it to rounding (the moments are summed in another order). Scores from moments carry an absolute error
/// of about 1e-16 of the target's variance, where scores from rows carry 1e-16 of the score itself.
///
/// Returns nil when the data is below `cellsAbove` values or the fit needs the rows (see `MomentFittable`).
func fitFromMoments(_ data: Dataset, spec: ExperimentSpec, trainRows: [Int], testRows: [Int], metrics scored: [Metric],
                    cellsAbove: Int = momentFitCells) throws -> FittedExperiment? {
    guard let family = spec.family as? any MomentFittable, family.mayFitFromMoments(spec.alphas) else { return nil }
    let p = data.featureCount
    guard let cells = SizeLimits.product(data.rowCount, p), cells >= cellsAbove, p <= 2000, trainRows.count > p
    else { return nil }
    var foldOf: [Int32]?
    var foldWarnings: [ModelWarning] = []
    if let cv = spec.cv {
        guard cv.folds <= 50 else { return nil }
        let (folds, warning) = try crossValidationFoldOf(trainRows.map { data.y[$0] }, task: family.task, cv: cv)
        foldOf = folds
        if let warning { foldWarnings.append(ModelWarning(kind: .smallClass, message: "cross-validation: " + warning, key: "cv")) }
    }
    // Groups: the training rows (one group per fold held out, or one group), then the test rows.
    let trainGroups = spec.cv?.folds ?? 1, testGroup = testRows.isEmpty ? nil : trainGroups
    var groupOf = [Int32](repeating: -1, count: data.rowCount)
    for (position, i) in trainRows.enumerated() { groupOf[i] = foldOf?[position] ?? 0 }
    if let testGroup { for i in testRows { groupOf[i] = Int32(testGroup) } }
    let moments = RowGroupMoments(data, groupOf: groupOf, groupCount: trainGroups + (testGroup == nil ? 0 : 1),
                                  threads: cells >= parallelFoldCells ? 2 : 1)

    let training = moments.sums(of: 0..<trainGroups)
    let (transform, design) = momentDesign(training, of: moments, names: data.featureNames, spec: spec)
    let amax = family.alphaMax(design)
    let grid = resolvePenalties(spec.alphas, family: family, alphaMax: amax, rows: trainRows.count)
    guard let path = try family.momentPath(design, alphas: grid.alphas, settings: spec.settings) else { return nil }

    var metrics: [String: [Double]] = [:]
    func score(_ part: DataPart, _ sums: ShiftedSums) {
        let errors = path.solutions.map { squaredErrorSum(sums, of: moments, transform: transform, $0) }
        let total = sums.v * sums.v / Double(sums.count)
        for metric in scored {
            metrics[part.columnName(metric)] = errors.map { sse in
                switch metric {
                case .mse: return sse / Double(sums.count)
                case .r2:
                    let spread = max(sums.vv - total, 0)
                    return spread > 0 ? 1 - sse / spread : .nan
                case .accuracy, .logLoss: return .nan
                }
            }
        }
    }
    score(.train, training)
    if let testGroup { score(.test, moments.groups[testGroup]) }

    var summary: CrossValidationSummary?
    if let cv = spec.cv {
        let parameter = family.penaltyParameter
        var errors: [[Double]] = []
        for f in 0..<cv.folds {
            let fitting = moments.sums(of: (0..<trainGroups).filter { $0 != f })
            let (foldTransform, foldDesign) = momentDesign(fitting, of: moments, names: data.featureNames, spec: spec)
            let alphas = grid.values.map { parameter.alpha($0, rows: fitting.count) }
            guard let foldPath = try family.momentPath(foldDesign, alphas: alphas, settings: spec.settings) else {
                return nil
            }
            let held = moments.groups[f]
            errors.append(foldPath.solutions.map {
                squaredErrorSum(held, of: moments, transform: foldTransform, $0) / Double(held.count)
            })
        }
        summary = summarizeCrossValidation(errors: errors, penalties: grid.values, parameter: parameter,
                                           rows: trainRows.count, warnings: foldWarnings)
    }
    return FittedExperiment(transform: transform, alphaMax: amax, grid: grid, path: path, metrics: metrics,
                            separatesTraining: [Bool](repeating: false, count: grid.alphas.count),
                            crossValidation: summary, exactAlphaMax: family.zeroWeightsFromAlphaMax)
}

/// The feature transform fitted on the rows summed in `s` (the same conventions as `FeatureTransform.fit`: mean and
/// population standard deviation, constant columns mapped to 0) and the least-squares design of those rows on the
/// model's scale, z_j = (x_j − shift_j)/scale_j, made from the sums alone.
///
/// With the rows' means m and centred cross-products C = Σuuᵀ − ΣuΣuᵀ/n, a centred design (an intercept) has Gram
/// matrix C_jk/(n s_j s_k), Xᵀy/n = C_jy/(n s_j) and ‖y‖²/n = C_yy/n; without an intercept the columns keep their
/// offset e = m − shift and the target its mean, which add n·e_j·e_k, n·e_j·ȳ and n·ȳ² to those sums.
func momentDesign(_ s: ShiftedSums, of moments: RowGroupMoments, names: [String],
                  spec: ExperimentSpec) -> (FeatureTransform, GaussianDesign) {
    let p = s.featureCount, n = Double(s.count)
    let centered = spec.family.fitsIntercept
    let means = (0..<p).map { moments.featureShift[$0] + s.u[$0] / n }
    let yMean = moments.targetShift + s.v / n
    func centredCross(_ j: Int, _ k: Int) -> Double { s.cross(j, k) - s.u[j] * s.u[k] / n }
    var shifts = [Double](repeating: 0, count: p), scales = [Double](repeating: 1, count: p)
    var constant = [Bool](repeating: false, count: p)
    for j in 0..<p {
        let sd = (max(centredCross(j, j), 0) / n).squareRoot()
        let isConstant = !(sd > 1e-12 * max(abs(means[j]), 1e-300)) || s.low[j] == s.high[j]
        constant[j] = isConstant && !spec.keepsConstantColumns
        if spec.standardize {
            shifts[j] = means[j]
            scales[j] = isConstant ? 1 : sd
        }
    }
    let transform = FeatureTransform(polynomialDegree: spec.polynomialDegree.flatMap { $0 > 1 ? $0 : nil },
                                     featureNames: names, shifts: shifts, scales: scales, isConstant: constant)
    let offset = (0..<p).map { centered ? 0 : means[$0] - shifts[$0] }
    let targetOffset = centered ? 0 : yMean
    var gram = [Double](repeating: 0, count: p * p), xty = [Double](repeating: 0, count: p)
    for j in 0..<p where !constant[j] {
        for k in j..<p where !constant[k] {
            let value = (centredCross(j, k) + n * offset[j] * offset[k]) / (n * scales[j] * scales[k])
            gram[k * p + j] = value; gram[j * p + k] = value
        }
        xty[j] = (s.uv[j] - s.u[j] * s.v / n + n * offset[j] * targetOffset) / (n * scales[j])
    }
    let yy = (max(s.vv - s.v * s.v / n, 0) + n * targetOffset * targetOffset) / n
    let xMeans = (0..<p).map { centered && !constant[$0] ? (means[$0] - shifts[$0]) / scales[$0] : 0 }
    let design = GaussianDesign(n: s.count, p: p, gram: gram, xty: xty, yy: yy, xMeans: xMeans,
                                yMean: centered ? yMean : 0, centered: centered)
    return (transform, design)
}

/// Σ(y − ŷ)² over the rows summed in `s`, for one solution on the model's scale under `transform`: with
/// w_j = β_j/scale_j the prediction is κ + wᵀu for u = x − c, and the residual's square expands into the sums.
func squaredErrorSum(_ s: ShiftedSums, of moments: RowGroupMoments, transform: FeatureTransform,
                     _ solution: PathSolution) -> Double {
    let p = s.featureCount, n = Double(s.count)
    var w = [Double](repeating: 0, count: p)
    var kappa = solution.intercept
    for j in 0..<p where !transform.isConstant[j] && solution.coefficients[j] != 0 {
        w[j] = solution.coefficients[j] / transform.scales[j]
        kappa += w[j] * (moments.featureShift[j] - transform.shifts[j])
    }
    let delta = moments.targetShift - kappa
    var wuv = 0.0, wu = 0.0, quadratic = 0.0
    for j in 0..<p where w[j] != 0 {
        wuv += w[j] * s.uv[j]
        wu += w[j] * s.u[j]
        var row = 0.0
        for k in 0..<p where w[k] != 0 { row += s.cross(j, k) * w[k] }
        quadratic += w[j] * row
    }
    let total = s.vv + 2 * delta * s.v + n * delta * delta - 2 * (wuv + delta * wu) + quadratic
    return max(total, 0)
}
