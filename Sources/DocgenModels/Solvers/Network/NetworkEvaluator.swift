import CNetworkKernels

/// The hidden units' nonlinearity.
public enum NetworkActivation: String, Sendable, Equatable, CaseIterable {
    /// tanh h, with derivative 1 − tanh² h.
    case tanh
    /// max(h, 0), with derivative 1 for h > 0 and 0 otherwise (0 at the kink).
    case relu
}

/// The network's output and loss: identity output with the squared error (regression), or the logistic output
/// with the log-loss (classification of a 0/1 target).
enum NetworkLoss: Sendable, Equatable {
    /// (1/(2n)) Σ (y_i − η_i)².
    case squaredError
    /// (1/n) Σ [log(1 + e^{η_i}) − y_i η_i], the mean log-loss of P(y = 1) = σ(η).
    case logLoss
}

/// Forward and backward passes of one network on one set of rows: the mean loss at θ and its gradient.
///
/// The rows are copied once into a row-major matrix; every buffer is allocated once, so memory is
/// rows × (inputs + Σ hidden widths + 2 × the widest hidden layer + 1) doubles, whatever the number of
/// evaluations: proportional to rows × width. Sums run in a
/// fixed order (see `DenseKernels`), so the same θ and rows give the same bytes on every machine.
final class NetworkEvaluator {
    let layout: NetworkLayout
    let activation: NetworkActivation
    let loss: NetworkLoss
    let rows: Int
    /// Targets (may be empty when only outputs are wanted).
    private(set) var targets: [Double]

    private let inputs: UnsafeMutableBufferPointer<Double>
    /// Post-activation values of hidden layers 1 … L, each rows × d_l.
    private let hidden: [UnsafeMutableBufferPointer<Double>]
    /// η, one per row.
    private let output: UnsafeMutableBufferPointer<Double>
    /// Two rows × (widest layer) buffers for the backward pass's δ.
    private let deltaA: UnsafeMutableBufferPointer<Double>, deltaB: UnsafeMutableBufferPointer<Double>
    /// Room for one transposed weight matrix.
    private let transposed: UnsafeMutableBufferPointer<Double>
    /// Each row's term of the log-loss.
    private let lossTerms: UnsafeMutableBufferPointer<Double>

    /// `data` is column-major (`Dataset` order) on the model's feature scale.
    convenience init(layout: NetworkLayout, activation: NetworkActivation, loss: NetworkLoss, data: Dataset) {
        self.init(layout: layout, activation: activation, loss: loss, rows: data.rowCount, targets: data.y)
        let p = layout.inputCount, n = rows
        for i in 0..<n { for j in 0..<p { inputs[i * p + j] = data.x[j * n + i] } }
    }

    /// An evaluator for minibatches of `rows` rows of `source`'s data, filled by `load(rows:of:)`.
    convenience init(batchOf rows: Int, like source: NetworkEvaluator) {
        self.init(layout: source.layout, activation: source.activation, loss: source.loss, rows: rows,
                  targets: [Double](repeating: 0, count: rows))
    }

    /// Allocates every buffer; the inputs are left for the caller to fill.
    private init(layout: NetworkLayout, activation: NetworkActivation, loss: NetworkLoss, rows n: Int, targets: [Double]) {
        self.layout = layout
        self.activation = activation
        self.loss = loss
        rows = n
        self.targets = targets
        inputs = .allocate(capacity: max(1, n * layout.inputCount))
        inputs.initialize(repeating: 0)
        hidden = layout.hiddenWidths.map { UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, n * $0)) }
        output = .allocate(capacity: max(1, n))
        let widest = max(1, layout.hiddenWidths.max() ?? 1)
        deltaA = .allocate(capacity: max(1, n * widest))
        deltaB = .allocate(capacity: max(1, n * widest))
        var largest = 1
        for l in 1...layout.layerCount { largest = max(largest, layout.widths[l - 1] * layout.widths[l]) }
        transposed = .allocate(capacity: largest)
        lossTerms = .allocate(capacity: max(1, n))
    }

    deinit {
        inputs.deallocate(); output.deallocate(); deltaA.deallocate(); deltaB.deallocate()
        transposed.deallocate(); lossTerms.deallocate()
        for buffer in hidden { buffer.deallocate() }
    }

    /// Makes rows `indices` of `source` (same layout) this evaluator's rows, in that order: a minibatch, without
    /// allocating. `indices.count` must equal `rows`.
    func load(rows indices: ArraySlice<Int>, of source: NetworkEvaluator) {
        precondition(indices.count == rows && source.layout == layout, "a batch must fill the evaluator exactly")
        let p = layout.inputCount
        for (r, i) in indices.enumerated() {
            for j in 0..<p { inputs[r * p + j] = source.inputs[i * p + j] }
            targets[r] = source.targets[i]
        }
    }

    /// The values of layer l's units (l = 0: the inputs), rows × d_l.
    private func values(_ l: Int) -> UnsafeMutablePointer<Double> {
        l == 0 ? inputs.baseAddress! : hidden[l - 1].baseAddress!
    }

    /// Runs the rows through the network at θ; η is left in `output`.
    private func forward(_ theta: UnsafePointer<Double>) {
        let L = layout.layerCount
        for l in 1...L {
            let target = l == L ? output.baseAddress! : values(l)
            DenseKernels.multiply(rows: rows, inner: layout.widths[l - 1], cols: layout.widths[l], a: values(l - 1),
                                  b: theta + layout.weightOffset(l), bias: theta + layout.biasOffset(l), c: target)
            if l < L { activate(target, count: rows * layout.widths[l]) }
        }
    }

    private func activate(_ v: UnsafeMutablePointer<Double>, count: Int) {
        switch activation {
        case .tanh:
            // FixedOrderMath.tanh's operations, in C (CNetworkKernels), four or eight entries to a vector.
            docgen_tanh_array(v, count)
        case .relu: for k in 0..<count { v[k] = v[k] > 0 ? v[k] : 0 }
        }
    }

    /// δ ⊙ act′ of the layer whose post-activation values are `a`.
    private func multiplyByDerivative(_ delta: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, count: Int) {
        switch activation {
        case .tanh: for k in 0..<count { delta[k] *= 1 - a[k] * a[k] }
        case .relu: for k in 0..<count { delta[k] = a[k] > 0 ? delta[k] : 0 }
        }
    }

    /// η for every row at θ.
    func outputs(_ theta: [Double]) -> [Double] {
        theta.withUnsafeBufferPointer { forward($0.baseAddress!) }
        return Array(output)
    }

    /// The mean loss at θ (no penalty); with `gradient`, also its gradient with respect to every parameter, in θ's
    /// layout.
    func evaluate(_ theta: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>?) -> Double {
        forward(theta)
        let n = rows, invN = 1 / Double(max(n, 1))
        var total = 0.0
        switch loss {
        case .squaredError:
            for i in 0..<n { let r = output[i] - targets[i]; total += r * r }
            total *= 0.5 * invN
        case .logLoss:
            // softplus(η_i) − y_i·η_i for every row (and, with a gradient, the output's δ below), four or eight rows to
            // a vector in C (FixedOrderMath's operations); the terms are summed here, in row order.
            targets.withUnsafeBufferPointer { y in
                docgen_log_loss_rows(n, output.baseAddress, y.baseAddress, invN, lossTerms.baseAddress,
                                     gradient == nil ? nil : deltaA.baseAddress)
            }
            for i in 0..<n { total += lossTerms[i] }
            total *= invN
        }
        guard let gradient else { return total }

        // δ of the output: ∂(mean loss)/∂η_i.
        var delta = deltaA.baseAddress!, spare = deltaB.baseAddress!
        switch loss {
        case .squaredError: for i in 0..<n { delta[i] = (output[i] - targets[i]) * invN }
        case .logLoss: break   // (sigmoid(η_i) − y_i)/n, written with the loss terms
        }
        for l in stride(from: layout.layerCount, through: 1, by: -1) {
            let below = layout.widths[l - 1], width = layout.widths[l]
            let gw = gradient + layout.weightOffset(l)
            for k in 0..<(below * width) { gw[k] = 0 }
            DenseKernels.accumulateTransposedProduct(rows: n, m: below, cols: width, a: values(l - 1), d: delta, g: gw)
            DenseKernels.columnSums(rows: n, cols: width, d: delta, s: gradient + layout.biasOffset(l))
            guard l > 1 else { break }
            DenseKernels.transpose(rows: below, cols: width, m: theta + layout.weightOffset(l), t: transposed.baseAddress!)
            DenseKernels.multiply(rows: n, inner: width, cols: below, a: delta, b: transposed.baseAddress!, bias: nil,
                                  c: spare)
            multiplyByDerivative(spare, values(l - 1), count: n * below)
            swap(&delta, &spare)
        }
        return total
    }

    /// `evaluate` for θ in an array.
    func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
        theta.withUnsafeBufferPointer { t in
            gradient.withUnsafeMutableBufferPointer { g in evaluate(t.baseAddress!, gradient: g.baseAddress!) }
        }
    }

    /// The mean loss at θ, without the gradient.
    func loss(_ theta: [Double]) -> Double {
        theta.withUnsafeBufferPointer { evaluate($0.baseAddress!, gradient: nil) }
    }
}
